package com.algomarket.api.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** The bodies of the emails a GreenMail server received for an address: TestUsers' inbox where real SMTP is used. */
public final class SmtpInbox {

    private SmtpInbox() {}

    public static List<String> bodiesTo(GreenMail smtp, String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> recipientIs(message, address))
                .map(GreenMailUtil::getBody)
                .toList();
    }

    private static boolean recipientIs(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(recipient -> recipient.toString().contains(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
