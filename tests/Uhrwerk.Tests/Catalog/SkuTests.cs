using Uhrwerk.Server.Modules.Catalog.Domain;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Tests.Catalog;

public sealed class SkuTests
{
    [Theory]
    [InlineData("shs-m8x40-01", "SHS-M8X40-01")]
    [InlineData(" 4711 ", "4711")]
    [InlineData("A/B.C-1", "A/B.C-1")]
    public void A_sku_is_trimmed_and_upper_cased(string text, string expected) => Assert.Equal(expected, Sku.Create(text).Value);

    [Theory]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("with space")]
    [InlineData("ÄÖÜ")]
    [InlineData("12345678901234567890123456789012345678901")]
    public void Anything_else_is_not_a_sku(string text) => Assert.Throws<ValidationFailedException>(() => Sku.Create(text));

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.001)]
    public void Net_prices_are_non_negative_with_two_decimals(decimal price) =>
        Assert.Throws<ValidationFailedException>(() => Product.Create(Sku.Create("X1"), new ProductTexts("a", "b", null, null), "Stk", 1, price, DateTimeOffset.UnixEpoch));

    [Fact]
    public void A_product_speaks_the_callers_language()
    {
        var product = Product.Create(Sku.Create("X1"), new ProductTexts("Schraube", "Bolt", "Stahl", "Steel"), "Stk", 100, 0.5m, DateTimeOffset.UnixEpoch);

        Assert.Equal(("Schraube", "Bolt", "Stahl", "Steel"), (product.Name("de"), product.Name("en"), product.Description("de"), product.Description("en")));
        Assert.Throws<ValidationFailedException>(() => product.Describe(new ProductTexts("", "Bolt", null, null), "Stk", 0));
    }
}
