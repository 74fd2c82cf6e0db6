using System.Diagnostics;
using System.Globalization;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Security;
using Microsoft.Extensions.Options;

// Median of 20 Argon2id verifies at the service's default parameters (PasswordHashingOptions),
// after one warm-up. Prints "VERIFY median_ms=… m=… t=… samples=…" for bench/run.sh.
const int Samples = 20;

var parameters = new PasswordHashingOptions();
var hasher = new PasswordHasher(Options.Create(parameters));
var hash = hasher.Hash("password");

if (hasher.Verify("password", hash) == PasswordCheck.Failed)
{
    Console.Error.WriteLine("The hash made here does not verify.");
    return 1;
}

var times = new double[Samples];
for (var i = 0; i < Samples; i++)
{
    var start = Stopwatch.GetTimestamp();
    hasher.Verify("password", hash);
    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

Array.Sort(times);
var median = (times[(Samples - 1) / 2] + times[Samples / 2]) / 2;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"VERIFY median_ms={median:F3} min_ms={times[0]:F3} max_ms={times[^1]:F3} m={parameters.MemoryKiB} t={parameters.Iterations} samples={Samples}"));
return 0;
