package io.chatbridge.connector.whatsapp;

/**
 * The one seam to the WhatsApp Cloud API's send endpoint. Returns the message id (wamid) WhatsApp
 * gave the message; a 200 means accepted, not delivered (delivery arrives later as a status).
 */
public interface WhatsAppClient {

    /**
     * @param callbackData echoed back by WhatsApp in every status of this message
     *     ({@code biz_opaque_callback_data}); lets us recognise a message whose reply we never saw
     */
    String sendText(String phoneNumberId, String to, String body, String callbackData) throws WhatsAppSendException;

    String sendTemplate(String phoneNumberId, String to, TemplateMessage template, String callbackData)
            throws WhatsAppSendException;
}
