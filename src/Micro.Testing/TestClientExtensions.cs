namespace Micro.Testing;

/// <summary>Adds <c>app.TestClient()</c>.</summary>
public static class TestClientExtensions
{
    /// <summary>Starts the app in memory and returns a test client for it (see <see cref="Testing.TestClient.For(MicroApp)"/>).</summary>
    /// <param name="app">The app; it must not have been built yet.</param>
    /// <returns>The client.</returns>
    public static TestClient TestClient(this MicroApp app) => Testing.TestClient.For(app);
}
