using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Uhrwerk.Server.Modules.Notifications.Domain;

namespace Uhrwerk.Server.Modules.Notifications.Channels;

public sealed class SmtpOptions
{
    /// <summary>Without a host, e-mails are written as .eml files to <see cref="PickupDirectory"/> (development).</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "kundencenter@uhrwerk.example";
    public string FromName { get; set; } = "Uhrwerk Kundencenter";
    public string PickupDirectory { get; set; } = "mail";

    /// <summary>How many SMTP connections one batch is spread over; SMTP sends one message after the other per connection.</summary>
    public int Connections { get; set; } = 4;
}

/// <summary>The outcome of one send; a permanent failure is not retried.</summary>
public sealed record SendResult(Guid DeliveryId, bool Succeeded, string? ProviderMessageId, string? Error, bool Permanent = false);

internal interface IChannelSender
{
    Channel Channel { get; }

    /// <summary>Sends the batch and reports each outcome through <paramref name="outcome"/> as soon as the provider answered.</summary>
    Task SendAsync(IReadOnlyList<Delivery> batch, Func<SendResult, Task> outcome, CancellationToken ct);
}

/// <summary>E-mail over SMTP with MailKit: a batch spread over a few parallel connections, HTML and plain text, the delivery id as Message-ID so receivers can spot a resend.</summary>
internal sealed class EmailChannel(IOptions<SmtpOptions> options, IHostEnvironment env) : IChannelSender
{
    public Channel Channel => Channel.Email;

    public async Task SendAsync(IReadOnlyList<Delivery> batch, Func<SendResult, Task> outcome, CancellationToken ct)
    {
        var smtp = options.Value;
        if (string.IsNullOrEmpty(smtp.Host))
        {
            await PickUpAsync(batch, outcome, ct);
            return;
        }

        var size = Math.Max(1, (int)Math.Ceiling(batch.Count / (double)Math.Max(1, smtp.Connections)));
        await Task.WhenAll(batch.Chunk(size).Select(chunk => SendOverOneConnectionAsync(smtp.Host, smtp, chunk, outcome, ct)));
    }

    private async Task SendOverOneConnectionAsync(string host, SmtpOptions smtp, IReadOnlyList<Delivery> batch, Func<SendResult, Task> outcome, CancellationToken ct)
    {
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(host, smtp.Port, smtp.Security, ct);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            }
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or System.Net.Sockets.SocketException or AuthenticationException or IOException)
        {
            foreach (var delivery in batch)
            {
                await outcome(new SendResult(delivery.Id, false, null, "SMTP server unreachable: " + e.Message));
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var delivery = batch[i];
            try
            {
                var message = Compose(delivery);
                await client.SendAsync(message, ct);
                await outcome(new SendResult(delivery.Id, true, message.MessageId, null));
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException)
            {
                await outcome(new SendResult(delivery.Id, false, null, e.Message));
                if (!client.IsConnected)
                {
                    foreach (var rest in batch.Skip(i + 1))
                    {
                        await outcome(new SendResult(rest.Id, false, null, "SMTP connection lost: " + e.Message));
                    }

                    return;
                }
            }
        }

        await client.DisconnectAsync(quit: true, ct);
    }

    private async Task PickUpAsync(IReadOnlyList<Delivery> batch, Func<SendResult, Task> outcome, CancellationToken ct)
    {
        var folder = Path.Combine(env.ContentRootPath, options.Value.PickupDirectory);
        Directory.CreateDirectory(folder);
        foreach (var delivery in batch)
        {
            // Written under a temporary name and renamed, so a reader of the folder never sees half an e-mail.
            var partial = Path.Combine(folder, $"{delivery.Id}.eml.partial");
            await Compose(delivery).WriteToAsync(partial, ct);
            File.Move(partial, Path.Combine(folder, $"{delivery.Id}.eml"), overwrite: true);
            await outcome(new SendResult(delivery.Id, true, $"{delivery.Id}.eml", null));
        }
    }

    private MimeMessage Compose(Delivery delivery)
    {
        var smtp = options.Value;
        var message = new MimeMessage { Subject = delivery.Subject, MessageId = $"{delivery.Id}@uhrwerk" };
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        message.To.Add(MailboxAddress.Parse(delivery.Recipient));
        message.Headers.Add("Content-Language", delivery.Language);
        message.Body = new BodyBuilder { TextBody = delivery.TextBody, HtmlBody = delivery.HtmlBody }.ToMessageBody();
        return message;
    }
}
