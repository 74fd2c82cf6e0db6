using FastApiLearning.WebApi.Contracts;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace FastApiLearning.WebApi.OpenApi;

/// <summary>Documents the token endpoint's body: the password-grant form, as Swagger UI's dialog sends it.</summary>
public sealed class TokenFormOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        // The endpoint that binds the form itself (so routing declares no body for it).
        if (context.MethodInfo?.GetParameters().Any(parameter => parameter.ParameterType == typeof(TokenForm)) != true)
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
