using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Micro.Tests.Support;

/// <summary>
/// A Micro app on a real Kestrel on a loopback port, reached with raw HTTP/1.1 written to a socket: the test server
/// skips Kestrel's parsing of the request target (dot segments, %2F, absolute-form), which is what these tests need.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _web;

    private LoopbackServer(WebApplication web, int port)
    {
        _web = web;
        Port = port;
    }

    public int Port { get; }

    public static async Task<LoopbackServer> StartAsync(MicroApp app)
    {
        var web = app.Build();
        web.Urls.Clear();
        web.Urls.Add("http://127.0.0.1:0");
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackServer(web, new Uri(address).Port);
    }

    /// <summary>Sends <c>{requestLine} HTTP/1.1</c> with <c>Host: localhost</c> and reads the whole answer.</summary>
    /// <param name="requestLine">The method and the request target exactly as they go on the wire, e.g. <c>GET /a/%2e%2e</c>.</param>
    public async Task<RawResponse> SendAsync(string requestLine)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        var head = $"{requestLine} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.CopyToAsync(received, timeout.Token);
        return RawResponse.Parse(received.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}

/// <summary>An HTTP/1.1 response as read from the socket (chunked bodies decoded).</summary>
internal sealed record RawResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public string? Header(string name) => Headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static RawResponse Parse(byte[] data)
    {
        var text = Encoding.Latin1.GetString(data);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new InvalidDataException($"No complete response head in {data.Length} bytes: '{text}'.");
        }

        var lines = text[..split].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(line => line.Split(':', 2)).Select(parts => KeyValuePair.Create(parts[0].Trim(), parts[1].Trim())).ToList();
        var body = text[(split + 4)..];
        if (headers.Any(header => header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && header.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, headers, Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body)));
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[position..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
