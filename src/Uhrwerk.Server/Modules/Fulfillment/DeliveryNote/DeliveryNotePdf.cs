using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Fulfillment.DeliveryNote;

/// <summary>The delivery note as an A4 PDF: header, addresses, the shipped lines and a QR code of the order's tracking link.</summary>
internal static class DeliveryNotePdf
{
    private const string Font = "DejaVu Sans";

    static DeliveryNotePdf()
    {
        GlobalFontSettings.FontResolver ??= new SystemFontResolver();
    }

    public static byte[] Render(DeliveryNoteData note)
    {
        string Text(string key) => T.Format(note.Culture, key);
        using var document = new PdfDocument();
        document.Info.Title = $"{Text("DeliveryNote.Title")} {note.Reference}";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using var gfx = XGraphics.FromPdfPage(page);
        var title = new XFont(Font, 18, XFontStyleEx.Bold);
        var bold = new XFont(Font, 10, XFontStyleEx.Bold);
        var body = new XFont(Font, 10, XFontStyleEx.Regular);
        const double left = 50;
        var y = 60d;

        gfx.DrawString($"{Text("DeliveryNote.Title")} {note.Reference}", title, XBrushes.Black, left, y);
        y += 30;
        foreach (var (key, value) in Header(note))
        {
            gfx.DrawString(Text(key), bold, XBrushes.Black, left, y);
            gfx.DrawString(value, body, XBrushes.Black, left + 150, y);
            y += 15;
        }

        y += 5;
        gfx.DrawString(Text("DeliveryNote.ShipTo"), bold, XBrushes.Black, left, y);
        foreach (var line in note.ShipTo.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            gfx.DrawString(line, body, XBrushes.Black, left + 150, y);
            y += 15;
        }

        y += 15;
        gfx.DrawString(Text("Deliveries.Position"), bold, XBrushes.Black, left, y);
        gfx.DrawString(Text("Order.Sku"), bold, XBrushes.Black, left + 30, y);
        gfx.DrawString(Text("Order.Product"), bold, XBrushes.Black, left + 190, y);
        gfx.DrawString(Text("DeliveryNote.Quantity"), bold, XBrushes.Black, left + 430, y);
        y += 6;
        gfx.DrawLine(XPens.Black, left, y, left + 495, y);
        y += 14;
        foreach (var line in note.Lines)
        {
            gfx.DrawString(line.Position.ToString(note.Culture), body, XBrushes.Black, left, y);
            gfx.DrawString(line.Sku, body, XBrushes.Black, left + 30, y);
            gfx.DrawString(line.Name.Length > 40 ? line.Name[..39] + "…" : line.Name, body, XBrushes.Black, left + 190, y);
            gfx.DrawString($"{line.Quantity.ToString(note.Culture)} {line.Unit}", body, XBrushes.Black, left + 430, y);
            y += 15;
        }

        y += 25;
        gfx.DrawString(Text("DeliveryNote.Tracking"), bold, XBrushes.Black, left, y);
        gfx.DrawString(note.TrackingLink, body, XBrushes.Black, left, y + 15);
        DrawQrCode(gfx, note.TrackingLink, left, y + 25, 110);

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>The rows both the PDF and the printable page show above the lines.</summary>
    public static IEnumerable<(string Key, string Value)> Header(DeliveryNoteData note)
    {
        yield return ("DeliveryNote.Order", note.OrderNumber);
        if (note.PurchaseOrderReference is { } reference)
        {
            yield return ("DeliveryNote.PurchaseOrder", reference);
        }

        yield return ("DeliveryNote.Date", note.ShippedOn?.ToString("d", note.Culture) ?? "–");
        yield return ("DeliveryNote.Warehouse", note.WarehouseCode);
        yield return ("DeliveryNote.Carrier", string.Join(" ", new[] { note.Carrier, note.Service }.OfType<string>()) is { Length: > 0 } carrier ? carrier : "–");
        yield return ("Deliveries.Tracking", note.TrackingNumbers.Count > 0 ? string.Join(", ", note.TrackingNumbers) : "–");
    }

    /// <summary>The QR code drawn as vector squares, sharp at any print size.</summary>
    private static void DrawQrCode(XGraphics gfx, string link, double x, double y, double size)
    {
        using var code = DeliveryNoteQr.Encode(link);
        var modules = code.ModuleMatrix;
        var cell = size / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules[row].Count; column++)
            {
                if (modules[row][column])
                {
                    gfx.DrawRectangle(XBrushes.Black, x + column * cell, y + row * cell, cell, cell);
                }
            }
        }
    }

    /// <summary>PDFsharp brings no fonts on Linux: DejaVu Sans (installed with the browser and most distributions), embedded in the PDF.</summary>
    private sealed class SystemFontResolver : IFontResolver
    {
        private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF", "C:/Windows/Fonts"];

        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[]? GetFont(string faceName) =>
            Folders.Select(folder => Path.Combine(folder, faceName + ".ttf")).FirstOrDefault(File.Exists) is { } path
                ? File.ReadAllBytes(path)
                : throw new InvalidOperationException($"The font {faceName}.ttf was not found in {string.Join(", ", Folders)}; install fonts-dejavu-core.");
    }
}
