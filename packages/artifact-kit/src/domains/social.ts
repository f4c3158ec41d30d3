import { defineDomain } from "./model.ts"

export default defineDomain("social", {
  title: "a social network",
  business:
    "A member posts text and photos, follows other people and comments on what they share. Moderators review what gets reported, and an account that keeps breaking the rules is suspended and then banned.",
  entities: {
    User: "id:int:PK handle:string:UK display_name:string bio:text status:string joined_at:datetime",
    Post: "id:int:PK body:text visibility:string status:string posted_at:datetime",
    Comment: "id:int:PK body:text posted_at:datetime",
    Reaction: "id:int:PK kind:string reacted_at:datetime",
    Follow: "id:int:PK since:datetime",
    Group: "id:int:PK name:string privacy:string",
    Message: "id:int:PK body:text sent_at:datetime read:boolean",
    Media: "id:int:PK url:string mime_type:string size_bytes:int",
    Report: "id:int:PK reason:string status:string filed_at:datetime"
  },
  relations:
    "User 0n Post writes, Post 0n Comment has, User 0n Comment writes, Post 0n Reaction receives, User 0n Reaction gives, User 0n Follow makes, Group 0n Post hosts, User 0n Message sends, Post 0n Media attaches, Post 0n Report receives, User 0n Report files",
  lifecycles: [
    "Post|Draft|Draft>Published:publish Published>Edited:edit Edited>Published:save Published>Flagged:report Flagged>Published:clear Flagged>Removed:remove Published>Archived:archive|Removed Archived",
    "User|Invited|Invited>Active:sign_up Active>Suspended:~violate_rules Suspended>Active:~appeal_granted Active>Deactivated:deactivate Suspended>Banned:~repeat_offence|Deactivated Banned",
    "Report|Filed|Filed>InReview:pick_up InReview>Dismissed:dismiss InReview>Upheld:uphold Upheld>Appealed:appeal Appealed>Dismissed:overturn Appealed>Closed:confirm Upheld>Closed:close|Dismissed Closed"
  ],
  roles: "Member, Moderator, Advertiser",
  systems: "Push Notification Service, Image CDN, Content Moderation API, Analytics Pipeline",
  apps: "Mobile App: Member; Moderation Console: Moderator; Ads Manager: Advertiser",
  services: {
    "Profile Service": "owns User Follow Group",
    "Post Service": "owns Post Comment Reaction Media; uses Image CDN, Content Moderation API, Feed Service",
    "Feed Service": "uses Profile Service, Analytics Pipeline, Notification Service",
    "Messaging Service": "owns Message; uses Notification Service",
    "Moderation Service": "owns Report; uses Post Service, Profile Service, Notification Service",
    "Notification Service": "uses Push Notification Service"
  },
  processes: {
    "Publish a post": `
      Member -> Mobile App: Write a post
      Member -> Mobile App: Attach a photo
      Mobile App -> Post Service: Upload the photo
      Post Service -> Image CDN: Store the image => image URL
      Mobile App -> Post Service: Publish the post => post id
      Post Service -> Content Moderation API: Scan the content => moderation verdict
      ? Banned content found? (yes)
      - Post Service -> Mobile App: Reject the post
      - end: Post rejected
      Post Service -> Feed Service: Fan out to followers
      Feed Service -> Profile Service: Load the followers => follower list
      Feed Service -> Notification Service: Notify the followers
      Notification Service -> Push Notification Service: Send the push notifications
      done: Post published
    `,
    "Handle a report": `
      Member -> Mobile App: Report a post
      Mobile App -> Moderation Service: File the report
      ? Reported more than 3 times? (yes)
      - Moderation Service -> Post Service: Hide the post until review
      - rejoin
      Moderator -> Moderation Console: Open the review queue
      Moderation Console -> Moderation Service: Fetch the next report => report
      ? Rule broken?
      - Moderator -> Moderation Console: Dismiss the report
      - Moderation Console -> Post Service: Restore the post
      - end: Report dismissed
      Moderation Console -> Post Service: Remove the post
      Moderation Console -> Profile Service: Record a strike against the author
      Moderation Service -> Notification Service: Warn the author
      Moderation Console -> Messaging Service: Thank the reporter
      done: Post removed
    `,
    "Run an ad campaign": `
      Advertiser -> Ads Manager: Create a campaign
      Advertiser -> Ads Manager: Upload the creative
      Ads Manager -> Post Service: Submit the sponsored post
      Post Service -> Content Moderation API: Review the creative => review verdict
      ? Creative approved?
      - Ads Manager -> Advertiser: Ask for a new creative
      - retry: Upload the creative
      Ads Manager -> Feed Service: Schedule the sponsored post
      Feed Service -> Analytics Pipeline: Track the impressions
      ? Budget spent? (yes)
      - Feed Service -> Ads Manager: Pause the campaign
      - end: Campaign paused
      Ads Manager -> Advertiser: Show the campaign report
      done: Campaign completed
    `
  }
})
