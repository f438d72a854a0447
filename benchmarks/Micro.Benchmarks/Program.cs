using BenchmarkDotNet.Running;
using Micro.Benchmarks;

if (args is ["--alloc-profile", .. var rest])
{
    await AllocationProfile.RunAsync(rest is [var target, ..] ? target : "/plaintext", 200_000).ConfigureAwait(false);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RequestBenchmarks).Assembly).Run(args);
