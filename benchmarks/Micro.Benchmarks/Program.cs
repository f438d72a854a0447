using BenchmarkDotNet.Running;
using Micro.Benchmarks;

if (args is ["--alloc-profile", .. var rest])
{
    await AllocationProfile.RunAsync(rest is [var target, ..] ? target : "/plaintext", 200_000).ConfigureAwait(false);
    return;
}

if (args is ["--loop", var path, .. var more])
{
    // For a profiler (e.g. dotnet-trace): requests to one Micro endpoint on TestHost for N seconds.
    await AllocationProfile.LoopAsync(path, more is [var s, ..] ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 20).ConfigureAwait(false);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RequestBenchmarks).Assembly).Run(args);
