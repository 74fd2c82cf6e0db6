using FastApiLearning.WebApi.Contracts;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace FastApiLearning.WebApi.OpenApi;

/// <summary>
/// Documents the bodies of the endpoints that bind their form themselves (so routing declares none): the token
/// endpoint's (the password grant as Swagger UI's dialog sends it, and the refresh and code grants: which fields
/// are required depends on grant_type, so none is marked so), and the revocation and introspection form.
/// </summary>
public sealed class TokenFormOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var formType = context.MethodInfo?.GetParameters()
            .Select(parameter => parameter.ParameterType)
            .FirstOrDefault(type => type == typeof(TokenForm) || type == typeof(RevocationForm));
        if (formType is null)
        {
            return;
        }

        var schema = context.SchemaGenerator.GenerateSchema(formType, context.SchemaRepository);
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
