// Each test starts its own processes (Redis, two Blog instances, a proxy) and some measure time: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
