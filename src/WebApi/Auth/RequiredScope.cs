namespace FastApiLearning.WebApi.Auth;

/// <summary>Endpoint metadata: the scope <see cref="ScopeAuthorization.RequireScope{TBuilder}"/> asked for (for the API description).</summary>
public sealed record RequiredScope(string Scope);
