using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace FastApiLearning.WebApi.OpenApi;

/// <summary>Marks the operations that need a token, so Swagger UI sends the one its Authorize dialog got.</summary>
public sealed class AuthorizeOperationFilter : IOperationFilter
{
    public const string SchemeName = "OAuth2PasswordBearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
        {
            return;
        }

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] },
        ];
    }
}
