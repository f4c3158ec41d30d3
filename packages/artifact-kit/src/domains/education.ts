import { defineDomain } from "./model.ts"

export default defineDomain("education", {
  title: "a university learning platform",
  business:
    "A student applies for a course each semester, attends lectures online or on campus and hands in assignments before a deadline. An instructor grades the work, and a student who passes earns the credits.",
  entities: {
    Student: "id:int:PK student_no:string:UK full_name:string email:string enrolled_on:date",
    Course: "id:int:PK code:string:UK title:string credits:int",
    Instructor: "id:int:PK full_name:string department:string staff_no:string:UK",
    Enrollment: "id:int:PK status:string grade:string enrolled_at:datetime",
    Assignment: "id:int:PK title:string due_at:datetime max_points:int",
    Submission: "id:int:PK submitted_at:datetime score:decimal status:string file_url:string",
    Semester: "id:int:PK name:string starts_on:date ends_on:date",
    Classroom: "id:int:PK building:string room_no:string seats:int"
  },
  relations:
    "Student 0n Enrollment has, Course 0n Enrollment includes, Instructor 0n Course teaches, Course 0n Assignment sets, Assignment 0n Submission receives, Student 0n Submission makes, Semester 1n Course schedules, Classroom 0n Course hosts",
  lifecycles: [
    "Enrollment|Applied|Applied>Enrolled:accept Applied>Rejected:reject Applied>Waitlisted:~course_full Waitlisted>Enrolled:~seat_frees Enrolled>Completed:~pass Enrolled>Failed:~fail Enrolled>Withdrawn:withdraw|Completed Failed Withdrawn Rejected",
    "Submission|Draft|Draft>Submitted:submit Submitted>Grading:start_review Grading>Graded:publish_grade Grading>Returned:request_changes Returned>Submitted:resubmit Submitted>Flagged:~detect_plagiarism Flagged>Grading:clear|Graded",
    "Course|Planned|Planned>Open:open_registration Open>Running:start_term Open>Cancelled:cancel Running>Finished:end_term Finished>Archived:archive|Archived Cancelled"
  ],
  roles: "Student, Instructor, Teaching Assistant, Registrar",
  systems: "Identity Provider, Plagiarism Checker, Video Conferencing, Email Service",
  apps: "Student Portal: Student; Teaching Console: Instructor, Teaching Assistant; Registry Office: Registrar",
  services: {
    "Course Service": "owns Course Semester Classroom Instructor; uses Video Conferencing",
    "Enrollment Service": "owns Student Enrollment; uses Course Service, Identity Provider, Notification Service",
    "Assignment Service": "owns Assignment Submission; uses Plagiarism Checker, Enrollment Service, Notification Service",
    "Notification Service": "uses Email Service"
  },
  processes: {
    "Enroll in a course": `
      Student -> Student Portal: Sign in
      Student Portal -> Enrollment Service: Check the student account => student record
      Enrollment Service -> Identity Provider: Verify the login => session
      Student -> Student Portal: Choose a course
      Student Portal -> Enrollment Service: Apply for the course
      Enrollment Service -> Course Service: Check the prerequisites => prerequisites
      ? Prerequisites met?
      - Enrollment Service -> Student Portal: Explain the missing prerequisites
      - end: Application rejected
      Enrollment Service -> Course Service: Reserve a seat => seat
      ? Seats available?
      - Enrollment Service -> Notification Service: Announce the waiting list place
      - end: Student waitlisted
      Registrar -> Registry Office: Approve the enrollment
      Registry Office -> Enrollment Service: Confirm the enrollment
      Enrollment Service -> Notification Service: Send the welcome email
      Notification Service -> Email Service: Email the timetable
      done: Student enrolled
    `,
    "Grade an assignment": `
      Instructor -> Teaching Console: Publish the assignment
      Teaching Console -> Assignment Service: Create the assignment
      Student -> Student Portal: Upload the submission
      Student Portal -> Assignment Service: Store the submission => receipt
      ? Submitted before the deadline?
      - Assignment Service -> Student Portal: Mark the submission late
      - rejoin
      Assignment Service -> Plagiarism Checker: Check for plagiarism => similarity report
      ? Plagiarism detected? (yes)
      - Instructor -> Teaching Console: Open an academic integrity case
      - end: Case opened
      Teaching Assistant -> Teaching Console: Grade the submission
      Teaching Console -> Assignment Service: Save the grade
      ? Passing grade?
      - Teaching Assistant -> Teaching Console: Write feedback for a resubmission
      - retry: Upload the submission
      Assignment Service -> Notification Service: Publish the grade
      Notification Service -> Email Service: Email the result
      done: Grade published
    `,
    "Run a live lecture": `
      Instructor -> Teaching Console: Schedule the lecture
      Teaching Console -> Course Service: Book a classroom => room number
      ? Room available?
      - Course Service -> Video Conferencing: Create an online meeting => meeting link
      - rejoin
      Course Service -> Video Conferencing: Open the stream => stream link
      Student -> Student Portal: Join the lecture
      Student Portal -> Course Service: Register attendance
      ? Stream stable?
      - Instructor -> Teaching Console: Switch to the recording
      - end: Lecture recorded only
      Instructor -> Teaching Console: End the lecture
      Teaching Console -> Course Service: Publish the recording
      done: Lecture delivered
    `
  }
})
