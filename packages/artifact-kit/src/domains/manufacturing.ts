import { defineDomain } from "./model.ts"

export default defineDomain("manufacturing", {
  title: "a factory production system",
  business:
    "A planner releases work orders to the shop floor once the materials are in stock. Operators run each batch on a machine, a quality inspector tests samples, and a batch that fails is reworked before it ships to the warehouse.",
  entities: {
    Product: "id:int:PK name:string part_no:string:UK revision:string",
    WorkOrder: "id:int:PK order_no:string:UK quantity:int status:string due_on:date",
    Machine: "id:int:PK asset_tag:string:UK model:string status:string line:string",
    Operator: "id:int:PK full_name:string badge_no:string:UK shift:string",
    Material: "id:int:PK name:string code:string:UK stock_qty:decimal",
    BillOfMaterials: "id:int:PK version:string approved_on:date",
    QualityCheck: "id:int:PK result:string defects:int checked_at:datetime",
    Batch: "id:int:PK lot_no:string:UK produced_at:datetime"
  },
  relations:
    "Product 1n WorkOrder is_built_by, Machine 0n WorkOrder runs, Operator 0n Machine operates, Product 1n BillOfMaterials defines, Material 0n BillOfMaterials is_used_in, WorkOrder 0n Batch yields, Batch 0n QualityCheck undergoes",
  lifecycles: [
    "WorkOrder|Planned|Planned>Released:release Released>InProduction:start_run InProduction>OnHold:~machine_down OnHold>InProduction:resume InProduction>QualityHold:~defect_found QualityHold>InProduction:rework InProduction>Completed:finish Planned>Cancelled:cancel|Completed Cancelled",
    "Machine|Idle|Idle>Running:start_job Running>Idle:finish_job Running>Down:~fault Down>UnderRepair:dispatch_technician UnderRepair>Idle:~repaired Idle>Maintenance:~planned_service Maintenance>Idle:~service_done|Idle|Breakdown=Down,UnderRepair",
    "Batch|Started|Started>Produced:finish_run Produced>Sampled:take_sample Sampled>Released:~pass Sampled>Rework:~fail Rework>Sampled:retest Rework>Scrapped:scrap|Released Scrapped|Inspection=Produced,Sampled"
  ],
  roles: "Machine Operator, Production Planner, Quality Inspector, Maintenance Technician",
  systems: "ERP, SCADA, Supplier Portal, Label Printer",
  apps: "Planning Board: Production Planner; Shop Floor Terminal: Machine Operator, Maintenance Technician; Quality Station: Quality Inspector",
  services: {
    "Production Service": "owns WorkOrder Batch Product BillOfMaterials; uses Inventory Service, Machine Service, ERP, Label Printer",
    "Inventory Service": "owns Material; uses Supplier Portal, ERP",
    "Machine Service": "owns Machine Operator; uses SCADA",
    "Quality Service": "owns QualityCheck; uses Production Service"
  },
  processes: {
    "Run a work order": `
      Production Planner -> Planning Board: Release the work order
      Planning Board -> Production Service: Schedule the work order
      Production Service -> Inventory Service: Reserve the materials
      ? Materials available?
      - Inventory Service -> Supplier Portal: Order the missing materials => delivery date
      - end: Work order delayed
      Production Service -> Machine Service: Book a machine => machine
      Machine Operator -> Shop Floor Terminal: Set up the machine
      Shop Floor Terminal -> Machine Service: Start the run
      Machine Service -> SCADA: Load the machine program
      ? Machine fault? (yes)
      - Maintenance Technician -> Shop Floor Terminal: Repair the machine
      - retry: Start the run
      Machine Operator -> Shop Floor Terminal: Report the quantity produced
      Shop Floor Terminal -> Production Service: Close the batch
      Production Service -> ERP: Post the finished goods
      done: Work order completed
    `,
    "Inspect a batch": `
      Quality Inspector -> Quality Station: Take a sample
      Quality Station -> Quality Service: Record the measurements
      ? Sample within tolerance?
      - Quality Service -> Production Service: Put the batch on quality hold
      - Machine Operator -> Shop Floor Terminal: Rework the batch
      - retry: Take a sample
      Quality Station -> Quality Service: Pass the batch
      Quality Service -> Production Service: Release the batch
      Production Service -> Label Printer: Print the pallet labels
      done: Batch released
    `,
    "Restock materials": `
      Inventory Service -> ERP: Check the stock levels => stock levels
      ? Below reorder point?
      - Inventory Service: Skip the reorder
      - end: No reorder needed
      Inventory Service -> Supplier Portal: Place the purchase order => order confirmation
      Production Planner -> Planning Board: Review the delivery date
      ? Delivery before the due date?
      - Planning Board -> Production Service: Reschedule the affected work orders
      - rejoin
      Inventory Service -> ERP: Record the goods receipt
      done: Materials restocked
    `
  }
})
