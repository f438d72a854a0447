using System.IO.Compression;
using System.Xml.Linq;

namespace Micro.Packaging.Tests;

public sealed class PackagingTests(Packages packages) : IClassFixture<Packages>
{
    [Fact]
    public void Micro_package_has_readme_license_repository_docs_and_symbols()
    {
        using var package = ZipFile.OpenRead(packages.Package("Micro"));
        var entries = package.Entries.Select(entry => entry.FullName).ToList();
        Assert.Contains("README.md", entries);
        Assert.Contains("lib/net10.0/Micro.dll", entries);
        Assert.Contains("lib/net10.0/Micro.xml", entries);

        var nuspec = Nuspec(package, "Micro.nuspec");
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.NotNull(metadata.Element(ns + "repository")?.Attribute("commit"));
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList();
        Assert.Equal(["Scriban.Signed"], dependencies);
        Assert.Equal("Microsoft.AspNetCore.App", metadata.Descendants(ns + "frameworkReference").Single().Attribute("name")!.Value);

        using var symbols = ZipFile.OpenRead(Path.ChangeExtension(packages.Package("Micro"), ".snupkg"));
        Assert.Contains(symbols.Entries, entry => entry.FullName == "lib/net10.0/Micro.pdb");
    }

    [Fact]
    public void Micro_Testing_package_depends_on_this_Micro()
    {
        using var package = ZipFile.OpenRead(packages.Package("Micro.Testing"));
        var nuspec = Nuspec(package, "Micro.Testing.nuspec");
        var micro = nuspec.Descendants(nuspec.Root!.Name.Namespace + "dependency").Single(d => d.Attribute("id")!.Value == "Micro");
        Assert.Equal(packages.Version, micro.Attribute("version")!.Value);
        Assert.Contains(package.Entries, entry => entry.FullName == "README.md");
    }

    [Fact]
    public void Micro_Redis_package_brings_the_Redis_packages_and_Micro_takes_none()
    {
        using var redis = ZipFile.OpenRead(packages.Package("Micro.Redis"));
        var nuspec = Nuspec(redis, "Micro.Redis.nuspec");
        var dependencies = nuspec.Descendants(nuspec.Root!.Name.Namespace + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
        Assert.Equal(packages.Version, dependencies["Micro"]);
        Assert.Contains("Microsoft.AspNetCore.DataProtection.StackExchangeRedis", dependencies.Keys);
        Assert.Contains("Microsoft.Extensions.Caching.StackExchangeRedis", dependencies.Keys);
        Assert.Contains(redis.Entries, entry => entry.FullName == "README.md");

        // The core package stays free of Redis: only sites that run on several instances take it.
        using var micro = ZipFile.OpenRead(packages.Package("Micro"));
        var core = Nuspec(micro, "Micro.nuspec");
        Assert.DoesNotContain(core.Descendants(core.Root!.Name.Namespace + "dependency"), d => d.Attribute("id")!.Value.Contains("Redis", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_new_project_outside_the_repository_adds_Micro_from_the_feed_and_serves_a_page()
    {
        var site = Directory.CreateDirectory(Path.Combine(packages.Root, "fresh-site")).FullName;
        File.WriteAllText(Path.Combine(site, "site.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(site, "Program.cs"), """
            using Micro;

            var app = MicroApp.Create(args);
            app.Get("/", () => "<h1>Hello from a package</h1>");
            app.Get("/users/<int:id>", (int id) => $"user {id}");
            app.Run();
            """);
        packages.WriteNuGetConfig(site);

        Packages.Run(site, "dotnet", "add", "package", "Micro", "--version", packages.Version);
        Packages.Run(site, "dotnet", "build", "-nodeReuse:false");

        var assets = File.ReadAllText(Path.Combine(site, "obj", "project.assets.json"));
        Assert.Contains($"\"Micro/{packages.Version}\"", assets);
        var port = Packages.FreePort();
        var (status, body) = await Packages.RunAndGet(site, Path.Combine("bin", "Debug", "net10.0", "site.dll"), $"http://127.0.0.1:{port}/users/7", $"--urls=http://127.0.0.1:{port}");
        Assert.Equal(200, status);
        Assert.Equal("user 7", body);
    }

    [Fact]
    public async Task Dotnet_new_micro_options_name_port_version_and_package_source_shape_the_site()
    {
        // README's own commands are run by ReadmeSiteTests; this one tries the options the README does not use.
        var hive = Path.Combine(packages.Root, "hive");
        var work = Directory.CreateDirectory(Path.Combine(packages.Root, "new-site")).FullName;
        Packages.Run(work, "dotnet", "new", "install", packages.Package("Micro.Templates"), "--debug:custom-hive", hive);
        var port = Packages.FreePort();
        Packages.Run(work, "dotnet", "new", "micro", "-o", "mysite", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--micro-version", packages.Version, "--package-source", packages.Feed, "--debug:custom-hive", hive);

        var site = Path.Combine(work, "mysite");
        Assert.True(File.Exists(Path.Combine(site, "mysite", "Program.cs")));
        Assert.True(File.Exists(Path.Combine(site, "mysite", "templates", "base.html")));
        Assert.Contains("{% extends 'base.html' %}", File.ReadAllText(Path.Combine(site, "mysite", "templates", "index.html")));
        Assert.True(File.Exists(Path.Combine(site, "mysite", "static", "site.css")));
        Assert.True(File.Exists(Path.Combine(site, "mysite.Tests", "mysite.Tests.csproj")));
        Assert.Equal(packages.Feed, XDocument.Load(Path.Combine(site, "nuget.config")).Descendants("add").Single().Attribute("value")!.Value);

        Packages.Run(site, "dotnet", "build", "mysite.sln", "-nodeReuse:false");

        // The port option: the site listens where the template was told to, with no --urls.
        var (status, body) = await Packages.RunAndGet(Path.Combine(site, "mysite"), Path.Combine("bin", "Debug", "net10.0", "mysite.dll"), $"http://localhost:{port}/");
        Assert.Equal(200, status);
        Assert.Contains("<title>Home - mysite</title>", body);
        Assert.Contains("<h1>Hello, World!</h1>", body);

        // Without --package-source the site restores from the usual sources: no nuget.config of its own.
        Packages.Run(work, "dotnet", "new", "micro", "-o", "plain", "--debug:custom-hive", hive);
        Assert.True(File.Exists(Path.Combine(work, "plain", "plain", "Program.cs")));
        Assert.False(File.Exists(Path.Combine(work, "plain", "nuget.config")));
    }

    [Fact]
    public void The_template_references_the_Micro_version_of_this_repository_by_default()
    {
        var project = XDocument.Load(Path.Combine(Packages.RepositoryRoot, "src", "Micro", "Micro.csproj"));
        var version = project.Descendants("Version").Single().Value;
        var template = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Packages.RepositoryRoot, "src", "Micro.Templates", "content", "micro", ".template.config", "template.json")));
        Assert.Equal(version, template.RootElement.GetProperty("symbols").GetProperty("micro-version").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void The_packed_template_references_the_Micro_packed_with_it_by_default()
    {
        using var package = ZipFile.OpenRead(packages.Package("Micro.Templates"));
        using var stream = package.GetEntry("content/micro/.template.config/template.json")!.Open();
        using var template = System.Text.Json.JsonDocument.Parse(stream);
        Assert.Equal(packages.Version, template.RootElement.GetProperty("symbols").GetProperty("micro-version").GetProperty("defaultValue").GetString());
        Assert.Contains(package.Entries, entry => entry.FullName == "content/micro/nuget.config");
        Assert.Single(package.Entries, entry => entry.FullName.EndsWith("template.json", StringComparison.Ordinal));
    }

    private static XDocument Nuspec(ZipArchive package, string name)
    {
        using var stream = package.GetEntry(name)!.Open();
        return XDocument.Load(stream);
    }
}
