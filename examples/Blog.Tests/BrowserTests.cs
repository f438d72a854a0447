using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Blog.Tests;

/// <summary>
/// The blog as a person uses it: the built app in its own process on a loopback Kestrel port, driven by Debian's
/// headless Chromium. Needs chromium and chromedriver on PATH (`./build.sh test` installs Debian's chromium and
/// chromium-driver packages when they are missing); without them the test fails, it never skips.
/// </summary>
public sealed partial class BrowserTests
{
    private static readonly string? Chromium = FindProgram("chromium");
    private static readonly string? ChromeDriver = FindProgram("chromedriver");

    [Fact]
    public async Task A_visitor_registers_logs_in_writes_a_post_edits_it_and_sees_it_on_the_index()
    {
        Assert.True(
            Chromium is not null && ChromeDriver is not null,
            "The browser test needs chromium and chromedriver on PATH (or in /usr/bin), and "
            + (Chromium is null ? ChromeDriver is null ? "neither is there" : "chromium is not" : "chromedriver is not")
            + ". Run the tests with ./build.sh test, which installs them, or install them yourself: "
            + "sudo apt-get update && sudo apt-get install -y chromium chromium-driver");

        var folder = Directory.CreateTempSubdirectory("blog-browser-").FullName;
        try
        {
            var database = $"--Database={Path.Combine(folder, "blog.sqlite")}";
            Assert.Contains("Initialized the database", await RunBlog("init-db", database));
            using var server = StartBlog("--urls=http://127.0.0.1:0", database);
            var site = await server.Address;

            using var browser = StartChromium(Chromium!, ChromeDriver!);
            browser.Navigate().GoToUrl(site + "/");
            Assert.Equal("Posts - Blog", browser.Title);

            browser.FindElement(By.LinkText("Register")).Click();
            Submit(browser, ("username", "ada"), ("password", "correct horse"));
            WaitFor(browser, () => browser.Url.EndsWith("/auth/login", StringComparison.Ordinal));

            Submit(browser, ("username", "ada"), ("password", "correct horse"));
            WaitFor(browser, () => browser.Title == "Posts - Blog");
            Assert.Equal("ada", browser.FindElement(By.CssSelector("nav span")).Text);

            browser.FindElement(By.LinkText("New")).Click();
            WaitFor(browser, () => browser.Title == "New Post - Blog");
            Submit(browser, ("title", "Hello from Chromium"), ("body", "First words."));
            WaitFor(browser, () => browser.Title == "Posts - Blog");
            Assert.Equal("Hello from Chromium", browser.FindElement(By.CssSelector("article.post h1")).Text);

            browser.FindElement(By.LinkText("Edit")).Click();
            WaitFor(browser, () => browser.Title.StartsWith("Edit", StringComparison.Ordinal));
            Assert.Equal("Hello from Chromium", browser.FindElement(By.Name("title")).GetAttribute("value"));
            Submit(browser, ("title", "Edited in Chromium"), ("body", "Second thoughts."));
            WaitFor(browser, () => browser.Title == "Posts - Blog");

            browser.Navigate().GoToUrl(site + "/");
            var post = browser.FindElement(By.CssSelector("article.post"));
            Assert.Equal("Edited in Chromium", post.FindElement(By.TagName("h1")).Text);
            Assert.Equal("Second thoughts.", post.FindElement(By.CssSelector("p.body")).Text);
            Assert.StartsWith("by ada on ", post.FindElement(By.CssSelector(".about")).Text);

            // The stylesheet loaded: the flash-free page still has the blue headings.
            Assert.Equal("rgba(47, 111, 159, 1)", browser.FindElement(By.CssSelector("nav h1 a")).GetCssValue("color"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The executable <paramref name="name"/> from the first PATH folder that has it, else from /usr/bin, where Debian
    /// installs it (a PATH without /usr/bin is rare, but test runners do pass trimmed environments).
    /// </summary>
    private static string? FindProgram(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin");
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate) && !OperatingSystem.IsWindows()
                && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return candidate;
            }
        }

        return null;
    }

    private static ChromeDriver StartChromium(string chromium, string chromeDriver)
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(chromeDriver)!, Path.GetFileName(chromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static void Submit(ChromeDriver browser, params (string Name, string Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            var input = browser.FindElement(By.Name(name));
            input.Clear();
            input.SendKeys(value);
        }

        browser.FindElement(By.CssSelector("form input[type=submit]")).Click();
    }

    private static void WaitFor(ChromeDriver browser, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out on {browser.Url} ({browser.Title}):\n{browser.PageSource}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Runs a blog command (init-db) to completion and returns its output.</summary>
    private static async Task<string> RunBlog(params string[] args)
    {
        using var process = Process.Start(BlogStartInfo(args))!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"Blog {string.Join(' ', args)} exited {process.ExitCode}:\n{output}\n{errors}");
        return output;
    }

    private static BlogServer StartBlog(params string[] args) => new(Process.Start(BlogStartInfo(args))!);

    private static ProcessStartInfo BlogStartInfo(string[] args)
    {
        // The app built next to this test (the project reference copies it), with the source folder as its
        // content root for templates/ and static/, as `dotnet run` would have.
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = BlogSourceFolder(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Blog.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add("--contentRoot=" + BlogSourceFolder());
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return info;
    }

    private static string BlogSourceFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var blog = Path.Combine(folder.FullName, "examples", "Blog");
            if (File.Exists(Path.Combine(blog, "Blog.csproj")))
            {
                return blog;
            }
        }

        throw new InvalidOperationException($"examples/Blog not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The blog serving in its own process; the address is read from Kestrel's "Now listening on" line.</summary>
    private sealed partial class BlogServer : IDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource<string> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly System.Text.StringBuilder _log = new();

        public BlogServer(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Read(e.Data);
            process.ErrorDataReceived += (_, e) => Read(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => _address.TrySetException(new InvalidOperationException($"The blog exited with {process.ExitCode}:\n{Log}"));
        }

        public Task<string> Address => _address.Task.WaitAsync(TimeSpan.FromSeconds(60));

        private string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
        }

        private void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(line);
            }

            if (ListeningOn().Match(line) is { Success: true } match)
            {
                _address.TrySetResult(match.Groups[1].Value);
            }
        }

        [GeneratedRegex(@"Now listening on: (http://\S+)")]
        private static partial Regex ListeningOn();
    }
}
