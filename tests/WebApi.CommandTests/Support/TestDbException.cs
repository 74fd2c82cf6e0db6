using System.Data.Common;

namespace FastApiLearning.WebApi.CommandTests.Support;

/// <summary>What a provider throws when it cannot reach its database (DbException is abstract).</summary>
public sealed class TestDbException(string message) : DbException(message);
