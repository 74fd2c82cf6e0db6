namespace FastApiLearning.Application.Employees.WrapLegacyHashes;

/// <param name="Examined">Employees read.</param>
/// <param name="Wrapped">Legacy hashes replaced by their wrapping.</param>
/// <param name="Skipped">Legacy hashes that changed while being wrapped (a login upgraded them, say): left as they are now.</param>
public sealed record WrapLegacyHashesResult(int Examined, int Wrapped, int Skipped);
