using BeAlert.Gateway.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BeAlert.Gateway.Operations;

/// <summary>
/// Documents the access key in the OpenAPI document: a bearer security scheme <c>AccessKey</c> (and the equivalent
/// <c>X-Api-Key</c> header), required on every operation behind a policy, with the policy named in the description.
/// </summary>
internal sealed class AccessKeySecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string BearerScheme = "AccessKey";
    public const string HeaderScheme = "ApiKeyHeader";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "BeAlert gateway";
        document.Info.Description = "Public alerting for Belgium: CAP alerts, feeds for signage vendors, campaigns, citizens. "
            + "Authenticate with an access key (" + AccessKeyFormat.Description + ") as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "bea_ access key",
            Description = "An access key: " + AccessKeyFormat.Description + ". Operators, vendors and admins each get their own.",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "The same access key in a header instead of Authorization.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }

        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy ?? "any key").Distinct().ToList();
        if (policies.Count == 0)
        {
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, context.Document)] = [] });
        var note = "Access key role: " + string.Join(", ", policies) + ".";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? note : operation.Description + "\n\n" + note;
        return Task.CompletedTask;
    }
}
