import HarnessCLI

await ComfyHarnessCommand.main()
