using FastApiLearning.WebApi.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace FastApiLearning.WebApi.OpenApi;

/// <summary>
/// Marks the operations that need a token, so Swagger UI sends the one its Authorize dialog got, with the scopes
/// each one requires (its <see cref="RequiredScope"/>, as an OAuth2 security requirement lists them) and the same
/// in words at the start of its description.
/// </summary>
public sealed class AuthorizeOperationFilter : IOperationFilter
{
    public const string SchemeName = "OAuth2PasswordBearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<IAuthorizeData>().Any())
        {
            return;
        }

        var scopes = metadata.OfType<RequiredScope>().Select(required => required.Scope).Distinct().ToList();
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = scopes },
        ];

        if (scopes.Count > 0)
        {
            var needed = $"Required scope: {string.Join(", ", scopes)}.";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? needed : $"{needed} {operation.Description}";
        }
    }
}
