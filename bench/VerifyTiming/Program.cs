using System.Diagnostics;
using System.Globalization;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Security;
using Microsoft.Extensions.Options;

// What a login costs per kind of stored hash, at the service's default parameters
// (PasswordHashingOptions): the median of 20 verifies of a wrong password each, after one warm-up,
// measured round-robin so that a load change hits every kind alike. The first line,
// "VERIFY median_ms=… m=… t=… samples=…", is the unknown user's dummy verify (a current Argon2id),
// read by bench/run.sh. Then one "TIMING" line per kind with its ratios to that (of the medians and of
// the minimums): a ratio below 1 means timing tells that such a user exists, which is what wrapping
// legacy hashes closes.
const int Samples = 20;
const string Password = "password";
const string WrongPassword = "wrong password";

var parameters = new PasswordHashingOptions();
var hasher = new PasswordHasher(Options.Create(parameters));

(string Name, string Hash)[] legacy =
[
    ("bcrypt cost 10", "$2b$10$kqIGjbVIUvTUMlDSuMgXCeXCTbhUtL.FgSyDTDhZOy0kggNLaoUY6"),
    ("bcrypt cost 12", "$2b$12$/RcmAJ9KNdhmr3BzY9qOSObVuPvYniUqbztGGFzYu1dWxPFAB79A2"),
    ("argon2id m=4096,t=1,p=1", "$argon2id$v=19$m=4096,t=1,p=1$BzJmEW9JYw4tmtrkQycKZQ$6Pdxfab+sEsJlrKuYdi1BsmCBeOB7imjvQR073aedPM"),
    ("argon2id m=4096,t=1,p=4", "$argon2id$v=19$m=4096,t=1,p=4$cSwvAgI5RTvSaTjEjsr5Tg$YYfzJWeFeu92hcJJMYwIbYpaeSfx6XFrpJVmcp8xgg4"),
];

var kinds = new List<(string Name, string Hash)> { ("unknown user (dummy verify)", hasher.DummyHash) };
foreach (var (name, hash) in legacy)
{
    var wrapped = hasher.WrapLegacy(hash);
    if (hasher.Verify(Password, hash) != PasswordCheck.SucceededNeedsUpgrade
        || wrapped is null
        || hasher.Verify(Password, wrapped) != PasswordCheck.SucceededNeedsUpgrade)
    {
        // A timing of a hash that does not verify would measure the wrong thing.
        Console.Error.WriteLine($"{name}: the hash, or its wrapping, does not verify.");
        return 1;
    }

    kinds.Add((name, hash));
    kinds.Add(("wrapped " + name, wrapped));
}

var times = new double[kinds.Count][];
for (var k = 0; k < kinds.Count; k++)
{
    times[k] = new double[Samples];
    hasher.Verify(WrongPassword, kinds[k].Hash);
}

for (var i = 0; i < Samples; i++)
{
    for (var k = 0; k < kinds.Count; k++)
    {
        // The managed Argon2 leaves megabytes of garbage: collected here, not inside the next timing.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var start = Stopwatch.GetTimestamp();
        hasher.Verify(WrongPassword, kinds[k].Hash);
        times[k][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}

foreach (var row in times)
{
    Array.Sort(row);
}

var unknown = Median(times[0]);
Console.WriteLine(Invariant(
    $"VERIFY median_ms={unknown:F3} min_ms={times[0][0]:F3} max_ms={times[0][^1]:F3} m={parameters.MemoryKiB} t={parameters.Iterations} samples={Samples}"));

var lowestWrapped = double.MaxValue;
for (var k = 0; k < kinds.Count; k++)
{
    var median = Median(times[k]);
    var ratio = median / unknown;
    if (kinds[k].Name.StartsWith("wrapped ", StringComparison.Ordinal))
    {
        lowestWrapped = Math.Min(lowestWrapped, ratio);
    }

    var minRatio = times[k][0] / times[0][0];
    Console.WriteLine(Invariant(
        $"TIMING median_ms={median,8:F3} ratio_to_unknown={ratio,6:F2} min_ms={times[k][0],8:F3} min_ratio={minRatio,6:F2}  {kinds[k].Name}"));
}

// Medians of a busy machine wander by 10 % and more (the minimums less): a wrapped hash costs its
// legacy hash plus one current Argon2id, which is the unknown user's whole cost, so a figure below 1
// is noise.
Console.WriteLine(Invariant($"WRAPPED lowest_ratio_to_unknown={lowestWrapped:F2}"));
return 0;

static double Median(double[] sorted) => (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
