using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Micro -- --filter '*'            (default job)
// dotnet run -c Release --project bench/Micro -- --filter '*' --job short (a quick look)
// Results go to bench/results/micro unless --artifacts says otherwise.
var resultsDirectory = typeof(Program).Assembly
    .GetCustomAttributes<AssemblyMetadataAttribute>()
    .FirstOrDefault(attribute => attribute.Key == "BenchResultsDirectory")?.Value;

var config = DefaultConfig.Instance;
if (resultsDirectory is not null)
{
    config = config.WithArtifactsPath(resultsDirectory);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
