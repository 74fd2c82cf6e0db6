using FastApiLearning.WebApi.Contracts;
using FastApiLearning.WebApi.Errors;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace FastApiLearning.WebApi.OpenApi;

/// <summary>Documents the token endpoint's body: the password-grant form, as Swagger UI's dialog sends it.</summary>
public sealed class TokenFormOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<OAuthTokenEndpointMetadata>().Any())
        {
            return;
        }

        var schema = context.SchemaGenerator.GenerateSchema(typeof(TokenForm), context.SchemaRepository);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [TokenForm.UrlEncoded] = new OpenApiMediaType { Schema = schema },
                [TokenForm.Multipart] = new OpenApiMediaType { Schema = schema },
            },
        };
    }
}
