import HarnessCLI
