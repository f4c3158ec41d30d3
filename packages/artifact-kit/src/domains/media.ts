import { defineDomain } from "./model.ts"

export default defineDomain("media", {
  title: "a video streaming service",
  business:
    "A subscriber picks a plan, creates a profile for each person in the household and streams films and series on any device. A title plays only where it is licensed, and a failed monthly charge leaves a short grace period before the account is suspended.",
  entities: {
    Subscriber: "id:int:PK email:string:UK plan:string country:string",
    Profile: "id:int:PK name:string maturity_level:string",
    Title: "id:int:PK name:string genre:string release_year:int rating:string",
    Episode: "id:int:PK season:int number:int duration_min:int",
    Watchlist: "id:int:PK created_at:datetime",
    PlaybackSession: "id:int:PK started_at:datetime position_sec:int device:string",
    Subscription: "id:int:PK plan:string price:decimal status:string renews_on:date",
    License: "id:int:PK region:string valid_from:date valid_to:date"
  },
  relations:
    "Subscriber 1n Profile has, Title 0n Episode has, Profile 01 Watchlist keeps, Profile 0n PlaybackSession starts, Title 0n PlaybackSession is_played_in, Subscriber 1n Subscription pays_for, Title 0n License is_covered_by",
  lifecycles: [
    "Subscription|Trial|Trial>Active:~first_charge Trial>Cancelled:cancel Active>PastDue:~charge_fails PastDue>Active:~payment_recovered PastDue>Suspended:~grace_ends Suspended>Active:pay Active>Cancelled:cancel|Cancelled",
    "PlaybackSession|Starting|Starting>Buffering:request_stream Buffering>Playing:~buffer_full Playing>Paused:pause Paused>Playing:resume Playing>Buffering:~stall Playing>Ended:finish Paused>Ended:~timeout|Ended",
    "Title|Ingested|Ingested>Encoding:start_encoding Encoding>QualityReview:finish_encoding QualityReview>Encoding:reject_encode QualityReview>Published:approve Published>Retired:~license_ends|Retired|Preparation=Encoding,QualityReview"
  ],
  roles: "Viewer, Content Editor, Support Agent",
  systems: "CDN, DRM License Server, Billing Provider, Recommendation Engine, Email Service",
  apps: "Streaming App: Viewer; Content Studio: Content Editor; Support Desk: Support Agent",
  services: {
    "Account Service": "owns Subscriber Profile; uses Subscription Service",
    "Subscription Service": "owns Subscription; uses Billing Provider, Notification Service",
    "Catalog Service": "owns Title Episode License Watchlist; uses Recommendation Engine",
    "Playback Service": "owns PlaybackSession; uses Catalog Service, DRM License Server, CDN",
    "Notification Service": "uses Email Service"
  },
  processes: {
    "Start playback": `
      Viewer -> Streaming App: Choose a title
      Streaming App -> Playback Service: Start a playback session => session id
      Playback Service -> Catalog Service: Check the license for the region => license
      ? Title licensed in the region?
      - Playback Service -> Streaming App: Show that the title is unavailable
      - end: Playback refused
      Playback Service -> DRM License Server: Fetch the DRM license => decryption key
      Playback Service -> CDN: Pick the nearest edge => stream URL
      ? Bandwidth sufficient?
      - Streaming App: Lower the video quality
      - rejoin
      Streaming App -> Viewer: Play the video
      Streaming App -> Playback Service: Record the watch progress
      done: Title playing
    `,
    "Renew a subscription": `
      Subscription Service -> Billing Provider: Charge the monthly fee => charge result
      ? Payment succeeded?
      - Subscription Service -> Notification Service: Warn about the failed payment
      - Viewer -> Streaming App: Update the payment method
      - Streaming App -> Subscription Service: Retry the payment
      - retry: Charge the monthly fee
      Subscription Service: Extend the billing period
      Subscription Service -> Notification Service: Send the receipt
      ? Trial converted? (yes)
      - Support Agent -> Support Desk: Send a welcome offer
      - Support Desk -> Account Service: Add the welcome credit
      - rejoin
      done: Subscription renewed
    `,
    "Publish a title": `
      Content Editor -> Content Studio: Upload the master file
      Content Studio -> Catalog Service: Register the title
      Catalog Service: Encode the renditions
      Content Editor -> Content Studio: Review the encoding
      ? Encoding acceptable?
      - Content Studio -> Catalog Service: Re-encode the title
      - retry: Review the encoding
      Content Editor -> Content Studio: Set the license windows
      Content Studio -> Catalog Service: Publish the title
      Catalog Service -> Recommendation Engine: Add the title to the recommendations
      done: Title published
    `
  }
})
