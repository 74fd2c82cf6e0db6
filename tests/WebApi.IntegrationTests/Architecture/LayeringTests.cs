using System.Reflection;
using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Domain.Employees;
using NetArchTest.Rules;

namespace FastApiLearning.WebApi.IntegrationTests.Architecture;

/// <summary>WebApi → Infrastructure → Application → Domain → nothing, checked on the compiled assemblies.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly s_domain = typeof(Employee).Assembly;
    private static readonly Assembly s_application = typeof(LoginCommand).Assembly;
    private static readonly Assembly s_infrastructure = typeof(FastApiLearning.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly s_webApi = typeof(Program).Assembly;

    [Test]
    public void Domain_DependsOnNothingButTheRuntime()
    {
        var references = s_domain.GetReferencedAssemblies().Select(a => a.Name ?? "").ToArray();

        Assert.That(references, Is.Not.Empty);
        Assert.That(references.Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard"), Is.Empty);
    }

    [Test]
    public void Application_OfThisSolution_DependsOnlyOnDomain()
    {
        var references = s_application.GetReferencedAssemblies().Select(a => a.Name ?? "").ToArray();

        Assert.That(references.Where(name => name.StartsWith("FastApiLearning", StringComparison.Ordinal)),
            Is.EqualTo(new[] { s_domain.GetName().Name }));
        Assert.That(references.Where(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)), Is.Empty, "no HTTP, no EF Core");
    }

    [Test]
    public void Infrastructure_DoesNotDependOnWebApi()
    {
        var references = s_infrastructure.GetReferencedAssemblies().Select(a => a.Name ?? "");

        Assert.That(references, Does.Not.Contain(s_webApi.GetName().Name));
    }

    [Test]
    public void WebApiEndpointsAndPages_DoNotUseInfrastructureTypes()
    {
        var result = Types.InAssembly(s_webApi)
            .That().ResideInNamespaceStartingWith("FastApiLearning.WebApi.Endpoints")
            .Or().ResideInNamespaceStartingWith("FastApiLearning.WebApi.Pages")
            .ShouldNot().HaveDependencyOn("FastApiLearning.Infrastructure")
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }

    [Test]
    public void TheRuleAboveSeesTypes()
    {
        // A rule over an empty set passes whatever it says: make sure the namespaces hold types.
        var endpoints = Types.InAssembly(s_webApi).That().ResideInNamespaceStartingWith("FastApiLearning.WebApi.Endpoints").GetTypes();
        var pages = Types.InAssembly(s_webApi).That().ResideInNamespaceStartingWith("FastApiLearning.WebApi.Pages").GetTypes();

        Assert.That(endpoints, Is.Not.Empty);
        Assert.That(pages, Is.Not.Empty);
    }
}
