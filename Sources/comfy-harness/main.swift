import HarnessCLI

// Before anything asynchronous: too few file descriptors would trap in the runtime's event threads.
ComfyHarnessMain.requireMinimumOpenFiles()
await ComfyHarnessMain.run()
