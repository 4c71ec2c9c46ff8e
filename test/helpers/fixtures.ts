/** A key of the shape Trieve issues (`tr-` and 32 letters and digits); not a real one. */
export const apiKey = "tr-0123456789abcdefghijKLMNOPQRSTUV";
export const apiKeyId = "3c90c3cc-0d44-4b50-8888-8dd25736052a";
