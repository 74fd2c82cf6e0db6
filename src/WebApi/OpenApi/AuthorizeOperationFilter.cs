using FastApiLearning.WebApi.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace FastApiLearning.WebApi.OpenApi;

/// <summary>
/// Marks the operations that need a token, so Swagger UI sends the one its Authorize dialog got, with the scopes
/// each one requires (its <see cref="RequiredScope"/>, as an OAuth2 security requirement lists them) and the same
/// in words at the start of its description. A token of either flow (password, authorization code) will do.
/// </summary>
public sealed class AuthorizeOperationFilter : IOperationFilter
{
    public const string SchemeName = "OAuth2PasswordBearer";

    /// <summary>The authorization-code flow (with PKCE): the same token, got through <c>/authorize</c>.</summary>
    public const string CodeSchemeName = "OAuth2AuthorizationCode";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAuthorizeData>().Any())
        {
            return;
        }

        var scopes = metadata.OfType<RequiredScope>().Select(required => required.Scope).Distinct().ToList();
        // Either flow's token will do (OpenAPI lists alternatives as separate requirements).
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = scopes },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CodeSchemeName, context.Document)] = scopes },
        ];

        if (scopes.Count > 0)
        {
            var needed = $"Required scope: {string.Join(", ", scopes)}.";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? needed : $"{needed} {operation.Description}";
        }
    }
}
