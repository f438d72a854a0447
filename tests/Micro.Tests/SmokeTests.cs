namespace Micro.Tests;

public class SmokeTests
{
    [Fact]
    public void Micro_assembly_loads() => Assert.Equal("Micro", typeof(MicroApp).Assembly.GetName().Name);
}
