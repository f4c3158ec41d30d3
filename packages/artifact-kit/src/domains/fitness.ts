import { defineDomain } from "./model.ts"

export default defineDomain("fitness", {
  title: "a gym and fitness-tracking app",
  business:
    "A member signs up on the website, pays a monthly fee and books a place in a group workout through the app. A personal trainer plans workouts, the member logs them or syncs a wearable, and a full session puts late bookers on a waiting list.",
  entities: {
    Member: "id:int:PK full_name:string email:string:UK birth_date:date",
    Membership: "id:int:PK plan:string status:string starts_on:date ends_on:date",
    Trainer: "id:int:PK full_name:string specialty:string",
    FitnessClass: "id:int:PK name:string starts_at:datetime capacity:int",
    Booking: "id:int:PK status:string booked_at:datetime attended:boolean",
    Workout: "id:int:PK performed_on:date duration_min:int calories:int",
    Exercise: "id:int:PK name:string muscle_group:string",
    Gym: "id:int:PK name:string city:string"
  },
  relations:
    "Member 1n Membership holds, Trainer 0n FitnessClass leads, FitnessClass 0n Booking receives, Member 0n Booking makes, Member 0n Workout logs, Workout 0n Exercise includes, Gym 0n FitnessClass hosts",
  lifecycles: [
    "Membership|Pending|Pending>Active:pay_joining_fee Active>Frozen:freeze Frozen>Active:unfreeze Active>Expired:~reach_end_date Active>Cancelled:cancel Expired>Active:renew|Expired Cancelled",
    "Booking|Requested|Requested>Confirmed:~seat_free Requested>Waitlisted:~class_full Waitlisted>Confirmed:~spot_opens Waitlisted>Cancelled:~class_starts Confirmed>Attended:check_in Confirmed>Cancelled:cancel Confirmed>Missed:~no_show|Attended Cancelled Missed",
    "FitnessClass|Scheduled|Scheduled>Open:open_bookings Open>Full:~reach_capacity Full>Open:~cancellation Open>Running:start Full>Running:start Running>Finished:end Scheduled>Cancelled:cancel|Finished Cancelled"
  ],
  roles: "Member, Personal Trainer, Front Desk Staff",
  systems: "Wearable Sync API, Payment Provider, Door Access Control, Push Notification Service",
  apps: "Member App: Member; Trainer App: Personal Trainer; Front Desk: Front Desk Staff",
  services: {
    "Membership Service": "owns Member Membership Gym; uses Payment Provider, Door Access Control",
    "Class Service": "owns FitnessClass Booking Trainer; uses Membership Service, Notification Service",
    "Workout Service": "owns Workout Exercise; uses Wearable Sync API",
    "Notification Service": "uses Push Notification Service"
  },
  processes: {
    "Join the gym": `
      Member -> Member App: Sign up online
      Member -> Member App: Choose a membership plan
      Member App -> Membership Service: Create the membership
      Membership Service -> Payment Provider: Charge the joining fee => payment id
      ? Payment failed? (yes)
      - Member App -> Member: Ask for another card
      - retry: Choose a membership plan
      Membership Service -> Door Access Control: Register the access card
      Front Desk Staff -> Front Desk: Hand out the access card
      Front Desk -> Membership Service: Activate the membership
      done: Membership active
    `,
    "Book a class": `
      Member -> Member App: Browse the timetable
      Member App -> Class Service: List the classes => timetable
      Member -> Member App: Book a class
      Member App -> Class Service: Create the booking
      Class Service -> Membership Service: Check the membership is active => membership status
      ? Membership active?
      - Class Service -> Member App: Refuse the booking
      - end: Booking refused
      ? Class full? (yes)
      - Class Service -> Notification Service: Confirm the waiting list place
      - end: Member waitlisted
      Class Service -> Notification Service: Send a reminder before the class
      Front Desk Staff -> Front Desk: Check the member in
      Front Desk -> Class Service: Mark the booking attended
      done: Class attended
    `,
    "Plan a training program": `
      Personal Trainer -> Trainer App: Assess the member
      Personal Trainer -> Trainer App: Write the training program
      Trainer App -> Workout Service: Save the program
      Member -> Member App: Log a workout
      Member App -> Workout Service: Record the workout
      Workout Service -> Wearable Sync API: Pull the heart-rate data => heart-rate samples
      ? Goal reached?
      - Personal Trainer -> Trainer App: Adjust the program
      - retry: Write the training program
      Personal Trainer -> Member: Celebrate the milestone
      done: Program completed
    `
  }
})
