using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Micro.Redis;

/// <summary>
/// The Redis cache, with Redis being unreachable turned into an HTTP 503: the request gets the app's 503 page (its
/// <c>ErrorHandler(503, ...)</c> or Micro's default) instead of a 500 with a stack trace, and the log gets one line
/// per failed request, not one per retry.
/// </summary>
internal sealed partial class UnavailableAs503(IDistributedCache inner, ILogger logger) : IDistributedCache
{
    public byte[]? Get(string key) => Guard(() => inner.Get(key));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        try
        {
            return await inner.GetAsync(key, token).ConfigureAwait(false);
        }
        catch (Exception error) when (IsUnavailable(error))
        {
            throw Unavailable(error);
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() =>
    {
        inner.Set(key, value, options);
        return true;
    });

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        try
        {
            await inner.SetAsync(key, value, options, token).ConfigureAwait(false);
        }
        catch (Exception error) when (IsUnavailable(error))
        {
            throw Unavailable(error);
        }
    }

    public void Refresh(string key) => Guard(() =>
    {
        inner.Refresh(key);
        return true;
    });

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        try
        {
            await inner.RefreshAsync(key, token).ConfigureAwait(false);
        }
        catch (Exception error) when (IsUnavailable(error))
        {
            throw Unavailable(error);
        }
    }

    public void Remove(string key) => Guard(() =>
    {
        inner.Remove(key);
        return true;
    });

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        try
        {
            await inner.RemoveAsync(key, token).ConfigureAwait(false);
        }
        catch (Exception error) when (IsUnavailable(error))
        {
            throw Unavailable(error);
        }
    }

    private T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception error) when (IsUnavailable(error))
        {
            throw Unavailable(error);
        }
    }

    // RedisTimeoutException derives from TimeoutException, not RedisException.
    private static bool IsUnavailable(Exception error) => error is RedisException or RedisTimeoutException;

    private HttpException Unavailable(Exception error)
    {
        Log.Unavailable(logger, error.GetType().Name, error.Message);
        return new HttpException(503, "The site's session store is unreachable. Please try again in a moment.", error);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Redis is unreachable, answering 503: {Kind}: {Message}")]
        public static partial void Unavailable(ILogger logger, string kind, string message);
    }
}
