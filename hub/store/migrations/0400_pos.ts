export { up, down } from "../../pos/migrations/0400_pos.js";
