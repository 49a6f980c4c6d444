/**
 * The fields METRC v2 returns for each record the simulator serves, with neutral values
 * (null, false, 0, ""). The simulator starts every record from these and fills in its own
 * state, so its answers carry the same keys and types as METRC's (checked against METRC's
 * published example responses in shapes.test.ts).
 */

/** Fields of a package (GET /packages/v2/active, /onhold, /inactive, /{label}). */
export const PACKAGE_FIELDS = {
  Id: 0, Label: "", ExternalId: null, PackageType: "", SourceHarvestCount: 0, SourcePackageCount: 0,
  SourceProcessingJobCount: 0, SourceHarvestNames: null, SourcePackageLabels: null, LocationId: null,
  LocationName: null, SublocationId: null, SublocationName: null, LocationTypeName: null, Quantity: 0,
  OriginalPackageQuantity: 0, UnitOfMeasureName: "", UnitOfMeasureAbbreviation: "", PatientLicenseNumber: null,
  ItemFromFacilityLicenseNumber: null, ItemFromFacilityName: null, Note: null, PackagedDate: "",
  ExpirationDate: null, SellByDate: null, UseByDate: null, InitialLabTestingState: "", LabTestingState: "",
  LabTestingStateDate: "", LabTestingPerformedDate: null, LabTestResultExpirationDateTime: null,
  LabTestingRecordedDate: null, LabTestStageId: null, LabTestStage: null, IsProductionBatch: false,
  ProductionBatchNumber: null, SourceProductionBatchNumbers: null, IsTradeSample: false,
  IsTradeSamplePersistent: false, SourcePackageIsTradeSample: false, IsDonation: false, IsDonationPersistent: false,
  SourcePackageIsDonation: false, IsTestingSample: false, IsProcessValidationTestingSample: false,
  ProductRequiresRemediation: false, ContainsRemediatedProduct: false, RemediationDate: null,
  ProductRequiresDecontamination: false, ContainsDecontaminatedProduct: false, DecontaminationDate: null,
  ReceivedDateTime: null, ReceivedFromManifestNumber: null, ReceivedFromFacilityLicenseNumber: null,
  ReceivedFromFacilityName: null, IsOnHold: false, IsOnHoldCombined: false, IsOnInvestigation: false,
  IsOnInvestigationHold: false, IsOnInvestigationRecall: false, IsOnRecall: null, IsOnRecallCombined: false,
  ArchivedDate: null, IsFinished: false, FinishedDate: null, IsFinishedGood: false, IsOnRetailerDelivery: false,
  PackageForProductDestruction: null, LabelsLastGeneratedDateTime: null, LastModified: "",
  Item: {
    Id: 0, Name: "", GlobalProductName: null, GlobalProductNumber: null, ProductCategoryName: "",
    ProductCategoryType: 0, IsExpirationDateRequired: false, HasExpirationDate: false, IsSellByDateRequired: false,
    HasSellByDate: false, IsUseByDateRequired: false, HasUseByDate: false, QuantityType: 0,
    DefaultLabTestingState: 0, UnitOfMeasureName: null, ApprovalStatus: 0, ApprovalStatusDateTime: "",
    StrainId: null, StrainName: null, ItemBrandId: 0, ItemBrandName: null, AdministrationMethod: null,
    UnitCbdPercent: null, UnitCbdContent: null, UnitCbdContentUnitOfMeasureName: null, UnitCbdContentDose: null,
    UnitCbdContentDoseUnitOfMeasureName: null, UnitCbdAPercent: null, UnitCbdAContent: null,
    UnitCbdAContentUnitOfMeasureName: null, UnitCbdAContentDose: null, UnitCbdAContentDoseUnitOfMeasureName: null,
    UnitThcAPercent: null, UnitThcAContent: null, UnitThcAContentUnitOfMeasureName: null, UnitThcAContentDose: null,
    UnitThcAContentDoseUnitOfMeasureId: null, UnitThcAContentDoseUnitOfMeasureName: null, UnitThcPercent: null,
    UnitThcContent: null, UnitThcContentUnitOfMeasureName: null, UnitThcContentDose: null,
    UnitThcContentDoseUnitOfMeasureId: null, UnitThcContentDoseUnitOfMeasureName: null, UnitVolume: null,
    UnitVolumeUnitOfMeasureName: null, UnitWeight: null, UnitWeightUnitOfMeasureName: null, ServingSize: null,
    NumberOfDoses: null, UnitQuantity: null, UnitQuantityUnitOfMeasureName: null, PublicIngredients: null,
    Description: null, Allergens: null, ProductImages: [], ProductPhotoDescription: null, LabelImages: [],
    LabelPhotoDescription: null, PackagingImages: [], PackagingPhotoDescription: null, ProductPDFDocuments: [],
    IsUsed: false, LabTestBatchNames: [], ProcessingJobCategoryName: null, ProcessingJobTypeName: null,
    ProductBrandName: null,
  },
  ProductLabel: {
    QrCount: 0, IsChildFromParentWithLabel: false, OriginalSourcePackageId: null, OriginalSourcePackageLabel: null,
    LabelSource: null, QrCodeRanges: null, LastLabelGenerationDate: null, IsActive: false,
  },
};

/** Fields of an item (GET /items/v2/active). */
export const ITEM_FIELDS = {
  Id: 0, Name: "", GlobalProductName: null, GlobalProductNumber: null, ProductCategoryName: "",
  ProductCategoryType: "", IsExpirationDateRequired: false, HasExpirationDate: false, IsSellByDateRequired: false,
  HasSellByDate: false, IsUseByDateRequired: false, HasUseByDate: false, QuantityType: "",
  DefaultLabTestingState: "", UnitOfMeasureName: "", ApprovalStatus: "", ApprovalStatusDateTime: "", StrainId: 0,
  StrainName: "", ItemBrandId: 0, ItemBrandName: null, AdministrationMethod: null, UnitCbdPercent: null,
  UnitCbdContent: null, UnitCbdContentUnitOfMeasureName: null, UnitCbdContentDose: null,
  UnitCbdContentDoseUnitOfMeasureName: null, UnitCbdAPercent: null, UnitCbdAContent: null,
  UnitCbdAContentUnitOfMeasureName: null, UnitCbdAContentDose: null, UnitCbdAContentDoseUnitOfMeasureName: null,
  UnitThcAPercent: null, UnitThcAContent: null, UnitThcAContentUnitOfMeasureName: null, UnitThcAContentDose: null,
  UnitThcAContentDoseUnitOfMeasureId: null, UnitThcAContentDoseUnitOfMeasureName: null, UnitThcPercent: null,
  UnitThcContent: null, UnitThcContentUnitOfMeasureName: null, UnitThcContentDose: null,
  UnitThcContentDoseUnitOfMeasureId: null, UnitThcContentDoseUnitOfMeasureName: null, UnitVolume: null,
  UnitVolumeUnitOfMeasureName: null, UnitWeight: null, UnitWeightUnitOfMeasureName: null, ServingSize: null,
  NumberOfDoses: null, UnitQuantity: null, UnitQuantityUnitOfMeasureName: null, PublicIngredients: null,
  Description: null, Allergens: null, ProductImages: [], ProductPhotoDescription: null, LabelImages: [],
  LabelPhotoDescription: null, PackagingImages: [], PackagingPhotoDescription: null, ProductPDFDocuments: [],
  IsUsed: false, LabTestBatchNames: [], ProcessingJobCategoryName: null, ProcessingJobTypeName: null,
  ProductBrandName: null,
};

/** Fields of a location (GET /locations/v2/active). */
export const LOCATION_FIELDS = {
  Id: 0, Name: "", LocationTypeId: 0, LocationTypeName: "", ForPlantBatches: false, ForPlants: false,
  ForHarvests: false, ForPackages: false,
};

/** Fields of an incoming transfer (GET /transfers/v2/incoming). */
export const TRANSFER_FIELDS = {
  Id: 0, ManifestNumber: "", InvoiceNumber: null, ShipmentLicenseType: 0, ShipperFacilityLicenseNumber: "",
  ShipperFacilityName: "", Name: null, TransporterFacilityLicenseNumber: "", TransporterFacilityName: "",
  DriverName: "", DriverOccupationalLicenseNumber: "", DriverVehicleLicenseNumber: "", VehicleMake: "",
  VehicleModel: "", VehicleLicensePlateNumber: "", DeliveryCount: 0, ReceivedDeliveryCount: 0, PackageCount: 0,
  ReceivedPackageCount: 0, ContainsPlantPackage: false, ContainsProductPackage: false, ContainsTradeSample: false,
  ContainsDonation: false, ContainsTestingSample: false, ContainsProductRequiresRemediation: false,
  ContainsRemediatedProductPackage: false, IsVoided: false, CreatedDateTime: "", CreatedByUserName: null,
  LastModified: "", DeliveryId: 0, RecipientFacilityLicenseNumber: "", RecipientFacilityName: "",
  ShipmentTypeName: "", ShipmentTransactionType: "", EstimatedDepartureDateTime: "", ActualDepartureDateTime: null,
  EstimatedArrivalDateTime: "", ActualArrivalDateTime: null, DeliveryPackageCount: 0,
  DeliveryReceivedPackageCount: 0, ReceivedDateTime: "", EstimatedReturnDepartureDateTime: null,
  ActualReturnDepartureDateTime: null, EstimatedReturnArrivalDateTime: null, ActualReturnArrivalDateTime: null,
  OriginatingTemplateId: null,
};

/** Fields of a transfer delivery (GET /transfers/v2/{id}/deliveries). */
export const DELIVERY_FIELDS = {
  Id: 0, ManifestNumber: null, DeliveryNumber: 0, RecipientFacilityLicenseNumber: "", RecipientFacilityName: "",
  ShipmentTypeName: "", ShipmentTransactionType: "", InvoiceNumber: null, EstimatedDepartureDateTime: "",
  ActualDepartureDateTime: null, EstimatedArrivalDateTime: "", ActualArrivalDateTime: null, GrossWeight: null,
  GrossUnitOfWeightId: null, GrossUnitOfWeightName: null, PlannedRoute: "", DeliveryPackageCount: 0,
  DeliveryReceivedPackageCount: 0, ReceivedDateTime: "", EstimatedReturnDepartureDateTime: null,
  ActualReturnDepartureDateTime: null, EstimatedReturnArrivalDateTime: null, ActualReturnArrivalDateTime: null,
  RejectedPackagesReturned: false, PDFDocumentFileSystemId: null,
};

/** Fields of a delivery package (GET /transfers/v2/deliveries/{id}/packages). */
export const DELIVERY_PACKAGE_FIELDS = {
  PackageId: 0, PackageLabel: "", PackageType: "", SourceHarvestNames: null, SourcePackageLabels: null, ItemId: 0,
  ItemName: "", ItemCategoryName: "", ItemStrainName: null, ItemBrandName: null, ItemUnitCbdPercent: null,
  ItemUnitCbdContent: null, ItemUnitCbdContentUnitOfMeasureName: null, ItemUnitCbdContentDose: null,
  ItemUnitCbdContentDoseUnitOfMeasureName: null, ItemUnitThcPercent: null, ItemUnitThcContent: null,
  ItemUnitThcContentUnitOfMeasureName: null, ItemUnitThcContentDose: null,
  ItemUnitThcContentDoseUnitOfMeasureName: null, ItemUnitCbdAPercent: null, ItemUnitCbdAContent: null,
  ItemUnitCbdAContentUnitOfMeasureName: null, ItemUnitCbdAContentDose: null,
  ItemUnitCbdAContentDoseUnitOfMeasureName: null, ItemUnitThcAPercent: null, ItemUnitThcAContent: null,
  ItemUnitThcAContentUnitOfMeasureName: null, ItemUnitThcAContentDose: null,
  ItemUnitThcAContentDoseUnitOfMeasureName: null, ItemUnitVolume: null, ItemUnitVolumeUnitOfMeasureName: null,
  ItemUnitWeight: null, ItemUnitWeightUnitOfMeasureName: null, ItemServingSize: null, ItemSupplyDurationDays: null,
  ItemUnitQuantity: null, ItemUnitQuantityUnitOfMeasureName: null, LabTestingState: "", ProductionBatchNumber: null,
  IsTradeSample: false, IsTradeSamplePersistent: false, SourcePackageIsTradeSample: false, IsDonation: false,
  SourcePackageIsDonation: false, IsTestingSample: false, ProductRequiresRemediation: false,
  ContainsRemediatedProduct: false, RemediationDate: null, ShipmentPackageState: "", ShippedQuantity: 0,
  ShippedUnitOfMeasureName: "", PackagedDate: null, ExpirationDate: null, SellByDate: null, UseByDate: null,
  GrossUnitOfWeightName: null, ReceivedQuantity: 0, ReceivedUnitOfMeasureName: "",
  ProductLabel: {
    QrCount: 0, IsChildFromParentWithLabel: false, OriginalSourcePackageId: null, OriginalSourcePackageLabel: null,
    LabelSource: null, QrCodeRanges: null, LastLabelGenerationDate: null, IsActive: false,
  },
  SourceProductionBatchNumbers: null, ExternalId: null, IsFinishedGood: false,
};

/** Fields of a lab test result row (GET /labtests/v2/results). */
export const LAB_RESULT_FIELDS = {
  PackageId: 0, LabTestResultId: 0, LabFacilityLicenseNumber: "", LabFacilityName: "", SourcePackageLabel: "",
  ProductName: "", ProductCategoryName: "", TestPerformedDate: "", OverallPassed: false, RevokedDate: null,
  LabTestResultDocumentFileId: null, ResultReleased: false, ResultReleaseDateTime: "", ExpirationDateTime: null,
  TestTypeName: "", TestPassed: false, TestResultLevel: 0, TestComment: "", TestInformationalOnly: false,
  LabTestDetailRevokedDate: null,
};

/** Fields of a sales receipt (GET /sales/v2/receipts/active). */
export const RECEIPT_FIELDS = {
  Id: 0, ReceiptNumber: null, ExternalReceiptNumber: "", SalesDateTime: "", SalesCustomerType: "",
  PatientLicenseNumber: null, CaregiverLicenseNumber: null, IdentificationMethod: null,
  PatientRegistrationLocationId: null, TotalPackages: 0, TotalPrice: 0, Transactions: [], IsFinal: false,
  ArchivedDate: null, RecordedDateTime: "", RecordedByUserName: null, LastModified: "",
};

/** Fields of a package adjustment (GET /packages/v2/adjustments). */
export const ADJUSTMENT_FIELDS = {
  PackageId: 0, PackageLabel: "", ItemName: "", ItemCategoryName: "", AdjustmentQuantity: 0,
  AdjustmentUnitOfMeasureName: "", AdjustmentUnitOfMeasureAbbreviation: "", AdjustmentReasonName: "",
  AdjustmentNote: "", AdjustmentDate: "", PackagedDate: "", AdjustedByUserName: "",
  PackageLabTestResultExpirationDateTime: null,
};

/** Fields of a facility (GET /facilities/v2/). */
export const FACILITY_FIELDS = {
  FacilityId: 0, HireDate: "", IsOwner: false, IsManager: false, IsFinancialContact: false, Email: null,
  Occupations: [], Name: "", Alias: "", DisplayName: "", CredentialedDate: "", SupportActivationDate: null,
  SupportExpirationDate: null,
  FacilityType: {
    IsMedical: false, IsRetail: false, IsHemp: false, RestrictHarvestPlantRestoreTimeHours: null,
    TotalMemberPatientsAllowed: null, RestrictWholesalePriceEditDays: null,
    RestrictPlantBatchAdjustmentTimeHours: null, CanGrowPlants: false, CanCreateOpeningBalancePlantBatches: false,
    CanClonePlantBatches: false, CanTagPlantBatches: false, CanAssignLocationsToPlantBatches: false,
    PlantsRequirePatientAffiliation: false, PlantBatchesCanContainMotherPlants: false, CanUpdatePlantStrains: false,
    CanTrackVegetativePlants: false, CanCreateImmaturePlantPackagesFromPlants: false,
    CanPackageVegetativePlants: false, CanPackageWaste: false, CanReportHarvestSchedules: false,
    CanSubmitHarvestsForTesting: false, CanRequireHarvestSampleLabTestBatches: false,
    CanReportStrainProperties: false, CanCreateOpeningBalancePackages: false, CanCreateDerivedPackages: false,
    CanAssignLocationsToPackages: false, CanUpdateLocationsOnPackages: false,
    PackagesRequirePatientAffiliation: false, CanCreateTradeSamplePackages: false, CanDonatePackages: false,
    CanSubmitPackagesForTesting: false, CanCreateProcessValidationPackages: false,
    CanRequirePackageSampleLabTestBatches: false, CanReturnPackageQuantity: false,
    CanRequestProductRemediation: false, CanRemediatePackagesWithFailedLabResults: false,
    CanRequestProductDecontamination: false, CanDecontaminatePackagesWithFailedLabResults: false,
    CanInfuseProducts: false, CanRecordProcessingJobs: false, CanRecordProductForDestruction: false,
    CanDestroyProduct: false, CanTestPackages: false, TestsRequireLabSample: false,
    CanTransferFromExternalFacilities: false, CanSellToConsumers: false, CanSellToPatients: false,
    CanSellToExternalPatients: false, CanSellToCaregivers: false, RetailSalesToNonResidentConsumer: false,
    AdvancedSales: false, SalesRequirePatientNumber: false, SalesRequireExternalPatientNumber: false,
    SalesRequireExternalPatientIdentificationMethod: false, SalesRequireCaregiverNumber: false,
    SalesRequireCaregiverPatientNumber: false, CanDeliverSalesToConsumers: false,
    DeliverySalesToNonResidentConsumer: false, SalesDeliveryAllowPlannedRoute: false,
    SalesDeliveryAllowAddress: false, SalesDeliveryAllowCity: false, SalesDeliveryAllowState: false,
    SalesDeliveryAllowCounty: false, SalesDeliveryAllowZip: false, SalesDeliveryRequireZone: false,
    EnableExternalIdentifier: false, SalesDeliveryRequireConsumerId: false, CanDeliverSalesToPatients: false,
    SalesDeliveryRequirePatientNumber: false, SalesDeliveryRequireRecipientName: false, IsSalesDeliveryHub: false,
    CanHaveMemberPatients: false, CanReportPatientCheckIns: false, CanSpecifyPatientSalesLimitExemption: false,
    CanReportPatientsAdverseResponses: false, RetailerDelivery: false, RetailerDeliveryAllowTradeSamples: false,
    RetailerDeliveryAllowDonations: false, RetailerDeliveryRequirePrice: false,
    RetailerDeliveryAllowPartialPackages: false, CanCreatePartialPackages: false,
    CanAdjustSourcePackagesWithPartials: false, CanReportOperationalExceptions: false, CanReportAdulteration: false,
    CanDownloadProductLabel: false, CanReceiveAssociateProductLabel: false, CanUseComplianceLabel: false,
    CanTrackFinishedGoods: false, CanOnlyReceiveFinishedGoods: false, CanViewSourcePackages: false,
    EnableSublocations: false, TaxExemptReportingFeesFacilityType: false, TaxExemptTagOrdersFacilityType: false,
    CanAccessCatalog: false, CanTrackMotherPlantsAsGrowthPhase: false, CanManageItemBrands: false,
  },
  License: {
    Number: "", EmployeeLicenseNumber: "", StartDate: "", EndDate: "", LicenseType: "",
  },
  AllowTransferOfOnHoldPackages: null, AllowTransferOfOnRecallPackages: null,
};

