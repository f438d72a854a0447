using Xunit.Sdk;

namespace Micro.ScaleOut.Tests.Support;

/// <summary>
/// The site on several machines, on this one: optionally a Redis, two Blog instances sharing the SQLite file (and,
/// with Redis, the key ring and sessions), and the proxy in front. Everything is stopped and deleted on dispose;
/// a failing check carries every process's output.
/// </summary>
internal sealed class Cluster : IAsyncDisposable
{
    private readonly string _folder;

    private Cluster(string folder, RedisServer? redis, IReadOnlyList<BlogInstance> instances, Proxy proxy)
    {
        _folder = folder;
        Redis = redis;
        Instances = instances;
        Proxy = proxy;
    }

    public RedisServer? Redis { get; }

    public IReadOnlyList<BlogInstance> Instances { get; }

    public Proxy Proxy { get; }

    public string Logs =>
        string.Join("\n\n", Instances.Select(instance => instance.Output))
        + (Redis is null ? "" : "\n\n" + Redis.Output)
        + "\n\n--- retried by the proxy ---\n" + string.Join("\n", Proxy.Retries);

    public static async Task<Cluster> StartAsync(bool withRedis)
    {
        var folder = Directory.CreateTempSubdirectory("micro-scale-out-").FullName;
        RedisServer? redis = null;
        var instances = new List<BlogInstance>();
        try
        {
            if (withRedis)
            {
                redis = await RedisServer.StartAsync(Directory.CreateDirectory(Path.Combine(folder, "redis")).FullName);
            }

            var database = Path.Combine(folder, "blog.sqlite");
            await BlogInstance.InitDatabaseAsync(database, Directory.CreateDirectory(Path.Combine(folder, "init")).FullName);
            instances.Add(new BlogInstance("instance1", folder, database, redis?.Configuration));
            instances.Add(new BlogInstance("instance2", folder, database, redis?.Configuration));
            await Task.WhenAll(instances.Select(instance => instance.StartAsync()));
            var proxy = await Proxy.StartAsync([.. instances.Select(instance => (instance.Name, instance.Address))]);
            return new Cluster(folder, redis, instances, proxy);
        }
        catch (Exception error)
        {
            var output = string.Join("\n\n", instances.Select(instance => instance.Output)) + "\n\n" + redis?.Output;
            foreach (var instance in instances)
            {
                instance.Dispose();
            }

            redis?.Dispose();
            TryDelete(folder);
            throw new InvalidOperationException($"The cluster did not start: {error.Message}\n\n{output}", error);
        }
    }

    /// <summary>Runs the test's steps; a failure carries the output of every process.</summary>
    public async Task CheckAsync(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception error)
        {
            throw new XunitException($"{error.Message}\n\n===== output of the processes =====\n{Logs}", error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        foreach (var instance in Instances)
        {
            instance.Dispose();
        }

        Redis?.Dispose();
        TryDelete(_folder);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing a file: the temp folder is cleaned by the system.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
