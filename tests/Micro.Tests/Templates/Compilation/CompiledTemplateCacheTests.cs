using Micro.Templates.Caching;
using Micro.Templates.Compilation;

namespace Micro.Tests.Templates.Compilation;

/// <summary>The compiled-template cache keeps the first compile stored for a name and never drops a fresher one.</summary>
public sealed class CompiledTemplateCacheTests
{
    [Fact]
    public void The_first_compile_stored_wins_and_a_stale_one_is_removed_only_while_it_is_stored()
    {
        var cache = new CompiledTemplateCache();
        var first = new CompiledTemplate { Name = "a.html" };
        var second = new CompiledTemplate { Name = "a.html" };
        Assert.Same(first, cache.GetOrAdd("a.html", first));
        Assert.Same(first, cache.GetOrAdd("a.html", second));

        // Another render already replaced the stale template: removing the stale one must keep the fresh one.
        Assert.True(cache.Remove("a.html", first));
        Assert.Same(second, cache.GetOrAdd("a.html", second));
        Assert.False(cache.Remove("a.html", first));
        Assert.True(cache.TryGet("a.html", out var stored));
        Assert.Same(second, stored);
        Assert.Equal(1, cache.Count);
        cache.Clear();
        Assert.Equal(0, cache.Count);
    }
}
