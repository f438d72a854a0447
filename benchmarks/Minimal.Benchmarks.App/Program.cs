using Minimal.Benchmarks.App;

MinimalBenchmarkApp.Create(args).Run();
