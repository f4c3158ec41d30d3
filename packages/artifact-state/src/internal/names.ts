/**
 * What a state diagram is made of, for relevance: its states (ids and labels); the events on its
 * transitions are its steps. Notes and state descriptions do not count.
 */
import type { ArtifactNames } from "@lfai/artifact-kit"
import type { StateDiagram } from "@lfai/mermaid"

export const stateNames = (diagram: StateDiagram): ArtifactNames => ({
  noun: "states",
  names: diagram.states.flatMap((state) => [state.id, state.label]),
  steps: { noun: "transitions", texts: diagram.transitions.map((transition) => transition.label) }
})
