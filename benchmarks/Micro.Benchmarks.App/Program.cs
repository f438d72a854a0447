using Micro.Benchmarks.App;

MicroBenchmarkApp.Create(args).Run();
