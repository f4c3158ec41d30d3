/**
 * What a sequence diagram is made of, for relevance: its participants (ids and labels); its
 * messages are its steps. Notes do not count.
 */
import type { ArtifactNames } from "@lfai/artifact-kit"
import type { SequenceDiagram } from "@lfai/mermaid"

export const sequenceNames = (diagram: SequenceDiagram): ArtifactNames => ({
  noun: "participants",
  names: diagram.participants.flatMap((participant) => [participant.id, participant.label]),
  steps: { noun: "messages", texts: diagram.messages.map((message) => message.text) }
})
