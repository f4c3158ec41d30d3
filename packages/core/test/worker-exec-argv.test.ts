import { describe, expect, it } from "vitest"
import { workerExecArgv } from "../src/internal/worker-exec-argv.ts"

describe("a validation worker's Node options", () => {
  it("are the parent's, with the @lfai/source condition added only when running from the sources and the parent sets no condition", () => {
    expect(workerExecArgv(["--enable-source-maps"], true)).toEqual(["--enable-source-maps", "--conditions=@lfai/source"])
    expect(workerExecArgv(["--enable-source-maps"], false)).toEqual(["--enable-source-maps"])
    expect(workerExecArgv(["--conditions", "development"], true)).toEqual(["--conditions", "development"])
    expect(workerExecArgv(["--conditions=development"], true)).toEqual(["--conditions=development"])
    expect(workerExecArgv(["-C", "development"], true)).toEqual(["-C", "development"])
    expect(workerExecArgv(["--no-warnings", "-C"], true)).toEqual(["--no-warnings", "-C"])
    expect(workerExecArgv([], true)).toEqual(["--conditions=@lfai/source"])
  })

  it("leave out what only the parent's entry means: node -e CODE, -p, --input-type", () => {
    expect(workerExecArgv(["--input-type=module-typescript", "-e", "await build()"], false)).toEqual([])
    expect(workerExecArgv(["--no-warnings", "--input-type", "module", "--eval", "x", "--enable-source-maps"], true)).toEqual(["--no-warnings", "--enable-source-maps", "--conditions=@lfai/source"])
    expect(workerExecArgv(["-p", "1 + 1", "--eval=2", "--print=3"], false)).toEqual([])
  })
})
