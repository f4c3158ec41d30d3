import { defineDomain } from "./model.ts"

export default defineDomain("gaming", {
  title: "an online multiplayer game",
  business:
    "A player logs in, joins the matchmaking queue and is put in a match of players of similar skill. The score of each match updates the leaderboard, and coins earned or bought buy items for the inventory.",
  entities: {
    Player: "id:int:PK gamertag:string:UK level:int xp:int status:string joined_at:datetime",
    Match: "id:int:PK mode:string map:string status:string started_at:datetime",
    Team: "id:int:PK name:string rating:int",
    GameItem: "id:int:PK name:string rarity:string price_coins:int",
    Inventory: "id:int:PK slots:int",
    Achievement: "id:int:PK title:string code:string:UK points:int",
    Purchase: "id:int:PK amount:decimal bought_at:datetime",
    Server: "id:int:PK region:string ip_address:string capacity:int"
  },
  relations:
    "Team 1n Player groups, Team nn Match plays, Player 01 Inventory owns, Inventory 0n GameItem holds, Player 0n Achievement unlocks, Player 0n Purchase makes, Server 0n Match hosts",
  lifecycles: [
    "Match|Lobby|Lobby>Matchmaking:queue Matchmaking>Loading:~match_found Loading>InProgress:~all_loaded InProgress>Overtime:~tie InProgress>Finished:~time_up Overtime>Finished:~golden_goal Matchmaking>Lobby:cancel_queue InProgress>Abandoned:~server_lost|Finished Abandoned|Play=InProgress,Overtime",
    "Player|Offline|Offline>Online:log_in Online>InMatch:join_match InMatch>Online:leave_match Online>Away:~idle Away>Online:move Online>Offline:log_out Online>Banned:~cheat_detected|Offline Banned",
    "Purchase|Started|Started>Authorised:authorise Started>Failed:decline Authorised>Delivered:grant_items Delivered>Refunded:refund|Delivered Refunded Failed"
  ],
  roles: "Player, Game Master, Community Manager",
  systems: "Matchmaking Service, Leaderboard Service, Payment Provider, Anti-Cheat Service",
  apps: "Game Client: Player; Admin Console: Game Master, Community Manager",
  services: {
    "Player Service": "owns Player Team Achievement; uses Anti-Cheat Service",
    "Match Service": "owns Match Server; uses Matchmaking Service, Anti-Cheat Service, Leaderboard Service, Player Service",
    "Store Service": "owns GameItem Inventory Purchase; uses Payment Provider, Player Service"
  },
  processes: {
    "Play a match": `
      Player -> Game Client: Join the queue
      Game Client -> Match Service: Request a match
      Match Service -> Matchmaking Service: Find players of similar skill => match roster
      ? Enough players in the queue?
      - Match Service -> Game Client: Keep the player waiting
      - retry: Request a match
      Match Service: Allocate a game server
      Game Client -> Match Service: Load the map
      Player -> Game Client: Play the match
      Match Service -> Anti-Cheat Service: Check the session => cheat report
      ? Cheat detected? (yes)
      - Match Service -> Player Service: Ban the player
      - end: Player banned
      Match Service -> Leaderboard Service: Record the score
      Match Service -> Player Service: Award experience
      done: Match finished
    `,
    "Buy coins": `
      Player -> Game Client: Open the store
      Game Client -> Store Service: List the coin packs => coin packs
      Player -> Game Client: Buy a coin pack
      Game Client -> Store Service: Start the purchase
      Store Service -> Payment Provider: Authorise the payment => authorisation
      ? Payment authorised?
      - Store Service -> Game Client: Show the payment error
      - end: Purchase failed
      Store Service: Add the coins to the inventory
      Game Client -> Player: Show the new balance
      done: Coins delivered
    `,
    "Review a cheating report": `
      Community Manager -> Admin Console: Open the player report
      Admin Console -> Player Service: Load the player history => match history
      Player Service -> Anti-Cheat Service: Fetch the detection logs => detection logs
      ? Evidence of cheating?
      - Community Manager -> Admin Console: Close the report
      - end: Report closed
      Game Master -> Admin Console: Suspend the account
      Admin Console -> Player Service: Reset the rankings
      done: Cheater suspended
    `
  }
})
