import { defineDomain } from "./model.ts"

export default defineDomain("agriculture", {
  title: "a farm management system",
  business:
    "A farmer plans what to sow in each field, an agronomist checks the soil and the crops through the season, and field workers sow, spray and harvest. Irrigation runs when the soil is dry, and the harvest is sold when the price is right.",
  entities: {
    Farm: "id:int:PK name:string region:string area_ha:float",
    Field: "id:int:PK code:string:UK area_ha:float soil_type:string",
    Crop: "id:int:PK name:string variety:string days_to_harvest:int",
    Planting: "id:int:PK planted_on:date status:string expected_yield_t:float",
    Harvest: "id:int:PK harvested_on:date yield_t:float moisture_pct:float",
    Equipment: "id:int:PK name:string serial:string:UK status:string hours:int",
    SoilSample: "id:int:PK taken_on:date ph:float nitrogen_ppm:float moisture_pct:float",
    Treatment: "id:int:PK product:string applied_on:date dose_l_per_ha:float"
  },
  relations:
    "Farm 1n Field contains, Field 0n Planting hosts, Crop 0n Planting is_sown_in, Planting 01 Harvest yields, Farm 0n Equipment owns, Field 0n SoilSample is_tested_by, Planting 0n Treatment receives",
  lifecycles: [
    "Planting|Planned|Planned>Sown:sow Sown>Germinated:~sprout Germinated>Growing:establish Growing>Ripe:~mature Ripe>Harvested:harvest Growing>Failed:~crop_loss Sown>Failed:~no_germination|Harvested Failed|Season=Germinated,Growing,Ripe",
    "Equipment|Available|Available>InUse:check_out InUse>Available:return InUse>Broken:~break_down Broken>InRepair:send_to_workshop InRepair>Available:~fixed Available>Retired:retire|Retired|Repair=Broken,InRepair",
    "SoilSample|Collected|Collected>AtLab:ship AtLab>Analysed:analyse AtLab>Rejected:~contaminated Analysed>Reviewed:review|Reviewed Rejected"
  ],
  roles: "Farmer, Agronomist, Field Worker",
  systems: "Weather API, Soil Lab, Market Price Feed, Irrigation Controller",
  apps: "Farm Planner: Farmer, Agronomist; Field App: Field Worker, Agronomist",
  services: {
    "Field Service": "owns Farm Field Crop Planting Treatment; uses Weather API, Irrigation Controller",
    "Soil Service": "owns SoilSample; uses Soil Lab, Field Service",
    "Equipment Service": "owns Equipment",
    "Harvest Service": "owns Harvest; uses Market Price Feed, Field Service"
  },
  processes: {
    "Plant a field": `
      Agronomist -> Field App: Take a soil sample
      Field App -> Soil Service: Register the sample
      Soil Service -> Soil Lab: Send the sample for analysis => soil report
      ? Soil needs lime? (yes)
      - Agronomist -> Farm Planner: Plan a lime application
      - rejoin
      Farmer -> Farm Planner: Choose the crop for the field
      Farm Planner -> Field Service: Create the planting
      Field Service -> Weather API: Check the forecast => forecast
      ? Rain forecast?
      - Farm Planner -> Field Service: Postpone the sowing
      - retry: Check the forecast
      Field Worker -> Field App: Book the seed drill
      Field App -> Equipment Service: Check out the seed drill
      Field Worker -> Field App: Record the sowing
      Field App -> Field Service: Mark the field sown
      done: Field sown
    `,
    "Irrigate a field": `
      Irrigation Controller -> Field Service: Report the soil moisture
      ? Soil moisture low?
      - Field Service: Log the reading
      - end: No irrigation needed
      Field Service -> Weather API: Check for rain in the next day => rain probability
      ? Rain expected? (yes)
      - Field Service: Skip the irrigation cycle
      - end: Irrigation skipped
      Field Service -> Irrigation Controller: Start the irrigation
      Field Worker -> Field App: Check the sprinklers
      Field App -> Field Service: Confirm the sprinklers work
      done: Field irrigated
    `,
    "Harvest a crop": `
      Agronomist -> Field App: Scout the crop
      Field App -> Field Service: Record the ripeness
      ? Crop ripe?
      - Field Service: Schedule another scouting visit
      - retry: Scout the crop
      Field Worker -> Field App: Harvest the field
      Field App -> Harvest Service: Record the yield
      Harvest Service -> Market Price Feed: Fetch the market price => price per tonne
      ? Price above target?
      - Farmer -> Farm Planner: Store the harvest
      - end: Harvest stored
      Farmer -> Farm Planner: Sell the harvest
      Farm Planner -> Harvest Service: Record the sale
      done: Harvest sold
    `
  }
})
