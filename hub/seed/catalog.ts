import type { Item } from "#contract/domain.js";

/**
 * The demo store's product catalog: about forty items a California adult-use dispensary carries,
 * across flower, pre-rolls, vapes, edibles and concentrates. Weights are net, in grams; container
 * tares are what the empty jar, bag or box weighs on the vault scale.
 */
type ItemSeed = Omit<Item, "id" | "gtin">;

const flower = (brand: string, strain: string, grams: number, tare: number): ItemSeed => ({
  name: `${brand} ${strain} ${grams}g`,
  category: "flower",
  brand,
  strain,
  unit: "Each",
  weightBased: false,
  unitWeightGrams: grams,
  containerTareGrams: tare,
});
const bulk = (strain: string): ItemSeed => ({
  name: `Bulk ${strain}`,
  category: "flower",
  strain,
  unit: "Grams",
  weightBased: true,
  containerTareGrams: 212,
});
const each = (
  category: Item["category"],
  brand: string,
  name: string,
  grams: number,
  tare: number,
  strain?: string,
): ItemSeed => ({
  name: `${brand} ${name}`,
  category,
  brand,
  ...(strain ? { strain } : {}),
  unit: "Each",
  weightBased: false,
  unitWeightGrams: grams,
  containerTareGrams: tare,
});

export const demoItemSeeds: ItemSeed[] = [
  flower("Coastal Farms", "Blue Dream", 3.5, 14.2),
  flower("Coastal Farms", "OG Kush", 3.5, 14.2),
  flower("Coastal Farms", "Sour Diesel", 7, 18.6),
  flower("Emerald Ridge", "Gelato #41", 3.5, 15.1),
  flower("Emerald Ridge", "Wedding Cake", 3.5, 15.1),
  flower("Emerald Ridge", "Zkittlez", 14, 24.8),
  flower("Sunday Harvest", "Granddaddy Purple", 3.5, 12.9),
  flower("Sunday Harvest", "Jack Herer", 28, 41.3),
  bulk("Gorilla Glue #4"),
  bulk("Pineapple Express"),
  bulk("Northern Lights"),
  each("pre-roll", "Coastal Farms", "Blue Dream Pre-Roll 1g", 1, 3.1, "Blue Dream"),
  each("pre-roll", "Coastal Farms", "Indica Pre-Roll 5-Pack 3.5g", 3.5, 9.4),
  each("pre-roll", "Emerald Ridge", "Gelato Infused Pre-Roll 1g", 1, 3.3, "Gelato #41"),
  each("pre-roll", "Sunday Harvest", "Sativa Dogwalkers 10-Pack 3.5g", 3.5, 11.0),
  each("pre-roll", "Sunday Harvest", "Hybrid Pre-Roll 0.5g", 0.5, 2.6),
  each("pre-roll", "Lumen", "Live Resin Infused Pre-Roll 1g", 1, 3.4),
  each("pre-roll", "Lumen", "Hash Hole 2g", 2, 5.8),
  each("vape", "Lumen", "Live Resin Cart 1g Strawberry Cough", 1, 7.2, "Strawberry Cough"),
  each("vape", "Lumen", "Live Resin Cart 0.5g Tangie", 0.5, 6.9, "Tangie"),
  each("vape", "Vaporline", "Distillate Cart 1g Mango", 1, 7.0),
  each("vape", "Vaporline", "All-in-One 0.3g Blue Razz", 0.3, 16.4),
  each("vape", "Vaporline", "Pod 1g Watermelon", 1, 8.1),
  each("vape", "High Desert", "Rosin Cart 0.5g Papaya", 0.5, 7.3, "Papaya"),
  each("vape", "High Desert", "CO2 Cart 1g Durban Poison", 1, 7.2, "Durban Poison"),
  each("edible", "Kind Kitchen", "Sour Watermelon Gummies 100mg", 45, 22.0),
  each("edible", "Kind Kitchen", "Blackberry Gummies 100mg 1:1 CBD", 45, 22.0),
  each("edible", "Kind Kitchen", "Dark Chocolate Bar 100mg", 50, 9.5),
  each("edible", "Golden State Treats", "Salted Caramel Chews 100mg", 40, 18.3),
  each("edible", "Golden State Treats", "Mint Tablets 100mg", 20, 14.1),
  each("edible", "Golden State Treats", "Lemon Drops 100mg", 35, 17.6),
  each("edible", "Sip & Co", "Sparkling Grapefruit 10mg", 355, 15.0),
  each("edible", "Sip & Co", "Iced Tea Shot 100mg", 60, 11.2),
  each("concentrate", "Lumen", "Live Rosin 1g Ice Cream Cake", 1, 8.8, "Ice Cream Cake"),
  each("concentrate", "Lumen", "Badder 1g GMO", 1, 8.8, "GMO"),
  each("concentrate", "High Desert", "Shatter 1g Lemon Haze", 1, 6.2, "Lemon Haze"),
  each("concentrate", "High Desert", "Diamonds 1g Runtz", 1, 8.8, "Runtz"),
  each("concentrate", "High Desert", "Sugar 1g Gushers", 1, 8.8, "Gushers"),
  each("tincture", "Kind Kitchen", "Sleep Tincture 1000mg 30ml", 30, 48.0),
  each("topical", "Kind Kitchen", "Relief Balm 500mg", 56, 31.0),
];
