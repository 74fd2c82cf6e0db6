using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace FastApiLearning.WebApi.PostgresTests.Support;

/// <summary>
/// A Data Protection key ring in one instance's memory: what an instance on a host of its own has
/// when the app configures no shared key ring.
/// </summary>
public sealed class OwnKeyRing : IXmlRepository
{
    private readonly Lock _lock = new();
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_lock)
        {
            return [.. _elements.Select(element => new XElement(element))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_lock)
        {
            _elements.Add(new XElement(element));
        }
    }
}
