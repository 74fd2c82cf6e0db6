using Mediator;

namespace FastApiLearning.Application.Employees.WrapLegacyHashes;

/// <summary>
/// Wraps every legacy password hash (bcrypt, Argon2 weaker than today's) in today's Argon2id, so that
/// no known user costs less to verify than an unknown one (hash layering: no password is needed, and
/// each employee's next login replaces the wrapping with a plain current hash). Safe to run again or
/// while the service runs: a wrapped hash is not wrapped twice, and a login that changed a hash
/// meanwhile wins.
/// </summary>
/// <param name="BatchSize">Employees read per page.</param>
public sealed record WrapLegacyHashesCommand(int BatchSize = 500) : ICommand<WrapLegacyHashesResult>;
