import HarnessCLI

await ComfyHarnessMain.run()
