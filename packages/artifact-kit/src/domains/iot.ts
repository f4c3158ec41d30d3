import { defineDomain } from "./model.ts"

export default defineDomain("iot", {
  title: "an IoT fleet-monitoring platform",
  business:
    "Every device on a site reports sensor readings through a gateway every minute. A rule that trips raises an alert for the operator on duty, and a field technician fixes the device or pushes new firmware.",
  entities: {
    Device: "id:int:PK serial:string:UK model:string status:string firmware:string last_seen:datetime",
    Sensor: "id:int:PK kind:string unit:string",
    Reading: "id:int:PK value:float recorded_at:datetime",
    Gateway: "id:int:PK mac_address:string:UK location:string",
    Alert: "id:int:PK severity:string message:string status:string raised_at:datetime",
    Site: "id:int:PK name:string latitude:float longitude:float",
    FirmwareRelease: "id:int:PK version:string:UK released_at:date checksum:string",
    Rule: "id:int:PK expression:string threshold:float enabled:boolean",
    WorkOrder: "id:int:PK summary:string status:string scheduled_on:date"
  },
  relations:
    "Device 1n Sensor has, Sensor 0n Reading produces, Gateway 0n Device connects, Site 0n Gateway hosts, Device 0n Alert raises, Rule 0n Alert triggers, FirmwareRelease 0n Device runs_on, Alert 01 WorkOrder leads_to",
  lifecycles: [
    "Device|Provisioned|Provisioned>Online:connect Online>Offline:~lose_heartbeat Offline>Online:reconnect Online>Updating:push_firmware Updating>Online:~update_ok Updating>Faulty:~update_failed Faulty>Decommissioned:retire Offline>Decommissioned:retire|Decommissioned",
    "Alert|Raised|Raised>Acknowledged:acknowledge Acknowledged>Resolved:fix Raised>Escalated:~timeout Escalated>Acknowledged:acknowledge Raised>Suppressed:mute|Resolved Suppressed",
    "WorkOrder|Opened|Opened>Scheduled:schedule Scheduled>OnSite:arrive OnSite>Completed:fix OnSite>Scheduled:~need_parts Opened>Cancelled:cancel|Completed Cancelled|Visit=Scheduled,OnSite"
  ],
  roles: "Field Technician, Operator, Site Manager",
  systems: "MQTT Broker, Time-Series Database, SMS Gateway, Device Registry",
  apps: "Operations Dashboard: Operator, Site Manager; Technician App: Field Technician",
  services: {
    "Ingestion Service": "owns Reading; uses MQTT Broker, Time-Series Database, Rules Engine",
    "Device Service": "owns Device Sensor Gateway Site FirmwareRelease; uses Device Registry, MQTT Broker",
    "Rules Engine": "owns Rule Alert; uses Notification Service",
    "Maintenance Service": "owns WorkOrder; uses Device Service, Notification Service",
    "Notification Service": "uses SMS Gateway"
  },
  processes: {
    "Handle a sensor alert": `
      MQTT Broker -> Ingestion Service: Deliver the telemetry batch
      Ingestion Service: Validate the readings
      Ingestion Service -> Time-Series Database: Store the readings
      Ingestion Service -> Rules Engine: Evaluate the rules => tripped rules
      ? Reading within range?
      - Rules Engine: Raise an alert
      - Rules Engine -> Notification Service: Page the operator on duty
      - Notification Service -> SMS Gateway: Text the alert
      - rejoin
      Operator -> Operations Dashboard: Acknowledge the alert
      Operations Dashboard -> Rules Engine: Mark the alert acknowledged
      ? Site visit needed? (yes)
      - Operations Dashboard -> Maintenance Service: Open a work order
      - end: Technician dispatched
      Operator -> Operations Dashboard: Close the alert
      done: Alert resolved
    `,
    "Roll out firmware": `
      Site Manager -> Operations Dashboard: Approve the firmware release
      Operations Dashboard -> Device Service: Schedule the rollout
      Device Service -> Device Registry: List the target devices => device list
      Device Service -> MQTT Broker: Publish the update command
      ? Device online?
      - Device Service: Queue the update for reconnection
      - rejoin
      Device Service: Verify the checksum
      ? Update succeeded?
      - Device Service -> Operations Dashboard: Report the failed devices
      - Operations Dashboard -> Maintenance Service: Open a work order for each device
      - end: Rollout partly failed
      Device Service -> Device Registry: Record the new version
      done: Firmware rolled out
    `,
    "Repair a device": `
      Field Technician -> Technician App: Accept the work order
      Technician App -> Maintenance Service: Assign the technician
      Maintenance Service -> Device Service: Fetch the device history => device history
      Field Technician: Inspect the device on site
      ? Parts on hand?
      - Technician App -> Maintenance Service: Order spare parts
      - Maintenance Service -> Notification Service: Reschedule the visit
      - end: Visit rescheduled
      Field Technician: Replace the faulty part
      Technician App -> Device Service: Reboot the device
      ? Device back online?
      - Field Technician -> Technician App: Report the device as faulty
      - Technician App -> Device Service: Decommission the device
      - end: Device retired
      Technician App -> Maintenance Service: Close the work order
      done: Device repaired
    `
  }
})
