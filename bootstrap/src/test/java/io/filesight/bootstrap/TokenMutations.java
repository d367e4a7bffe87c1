package io.filesight.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded mutations of a signed token and of the {@code Authorization} value carrying it, and the
 * oracle they are judged by: a mutant may be accepted only if it decodes to the original token.
 */
final class TokenMutations {
  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final List<String> INSERTED =
      List.of("=", "==", ".", "+", "/", " ", "\t", "%", "%2D", "\u00e9", "\u0000", "\\", ",", "~");
  private static final List<String> SCHEMES =
      List.of(
          "Bearer ",
          "Bearer ",
          "Bearer ",
          "bearer ",
          "BEARER ",
          "Bearer  ",
          "Bearer\t",
          "Bearer",
          "Bearer: ",
          "Bear ",
          "Basic ",
          "Bearer =",
          " Bearer ",
          "Bearer \"",
          "Token ",
          "Bearer,");

  private final SplittableRandom random;

  TokenMutations(SplittableRandom random) {
    this.random = random;
  }

  /** An {@code Authorization} value: a scheme variant and a token changed one to three times. */
  String authorization(String token) {
    String mutated = token;
    int mutations = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(random.nextInt(3) + 1);
    for (int i = 0; i < mutations; i++) {
      mutated = mutate(mutated);
    }
    String scheme = random.nextInt(4) == 0 ? pick(SCHEMES) : "Bearer ";
    String suffix = random.nextInt(20) == 0 ? pick(List.of(" ", "\t", " x", ",", "\"")) : "";
    return scheme + mutated + suffix;
  }

  private String mutate(String token) {
    if (token.isEmpty()) {
      return pick(INSERTED);
    }
    String[] parts = token.split("\\.", -1);
    int at = random.nextInt(token.length());
    return switch (random.nextInt(16)) {
      case 0, 1 -> replace(token, at, String.valueOf(BASE64URL.charAt(random.nextInt(64))));
      case 2 -> replace(token, at, String.valueOf((char) (0x21 + random.nextInt(0xff - 0x21))));
      case 3 -> token.substring(0, at) + pick(INSERTED) + token.substring(at);
      case 4 -> replace(token, at, "");
      case 5 -> token.substring(0, at);
      case 6 -> flipCase(token, at);
      case 7 -> withTrailingBitsChanged(token);
      case 8 -> token.replace('-', '+').replace('_', '/');
      case 9 -> partsShuffled(parts);
      case 10 -> padded(parts);
      case 11 -> withHeader(parts, pick(FORGED_HEADERS));
      case 12 -> withClaimChanged(parts);
      case 13 -> token + token.substring(Math.max(0, token.lastIndexOf('.')));
      case 14 -> token.substring(0, token.lastIndexOf('.') + 1);
      default -> token.replace(".", pick(List.of("..", "%2E", " .", "")));
    };
  }

  private static final List<String> FORGED_HEADERS =
      List.of(
          "{\"alg\":\"none\"}",
          "{\"alg\":\"none\",\"typ\":\"JWT\"}",
          "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
          "{\"alg\":\"rs256\",\"kid\":\"%s\"}",
          "{\"alg\":\"RS512\",\"kid\":\"%s\"}",
          "{\"alg\":\"PS256\",\"kid\":\"%s\"}",
          "{\"alg\":\"RS256\",\"kid\":\"%s\",\"jku\":\"https://attacker.invalid/keys\"}",
          "{\"alg\":\"RS256\",\"kid\":\"%s\",\"crit\":[\"exp\"]}",
          "{\"alg\":\"RS256\",\"kid\":\"%s\",\"cty\":\"JWT\"}",
          "{\"alg\":\"RS256\",\"kid\":\"unknown\"}",
          "{\"alg\":\"RS256\",\"kid\":\"../%s\"}",
          "{\"alg\":\"RS256\"}",
          "{\"alg\":\"RS256\",\"kid\":\"%s\",\"alg\":\"none\"}",
          "{\"alg\":[\"RS256\"],\"kid\":\"%s\"}",
          "[\"RS256\"]",
          "{\"alg\":\"RS256\",\"kid\":\"%s\"} ",
          "{\"alg\":\"RS256\",\"kid\":\"%s\",\"typ\":\"JWT\",\"x\":1e999999}");

  /** The header replaced, its key id kept where the template names one. */
  private String withHeader(String[] parts, String template) {
    String kid = jsonString(decoded(parts[0]), "kid");
    String header = template.contains("%s") ? String.format(template, kid) : template;
    String signature = random.nextInt(3) == 0 ? "" : parts.length > 2 ? parts[2] : "";
    return encode(header) + "." + (parts.length > 1 ? parts[1] : "") + "." + signature;
  }

  /** The payload re-encoded with one claim changed; the signature kept. */
  private String withClaimChanged(String[] parts) {
    if (parts.length < 3) {
      return String.join(".", parts);
    }
    String payload = decoded(parts[1]);
    String changed =
        switch (random.nextInt(7)) {
          case 0 -> payload.replaceFirst("\"roles\":\\[", "\"roles\":[\"Machine.ReadWrite.All\",");
          case 1 -> payload.replaceFirst("\"exp\":(\\d+)", "\"exp\":9$1");
          case 2 -> payload.replaceFirst("\"tid\":\"", "\"tid\":\"0");
          case 3 -> payload.replaceFirst("\"aud\":\"", "\"aud\":\"x");
          case 4 -> payload + " ";
          case 5 -> " " + payload;
          default -> payload.replaceFirst("\\{", "{\"appid\":\"other\",");
        };
    return parts[0] + "." + encode(changed) + "." + parts[2];
  }

  /** The last char of a part changed in the bits that base64url decoding drops, if it has any. */
  private String withTrailingBitsChanged(String token) {
    String[] parts = token.split("\\.", -1);
    int which = random.nextInt(parts.length);
    String part = parts[which];
    int spareBits = (part.length() * 6) % 8;
    if (part.isEmpty() || spareBits == 0) {
      return token;
    }
    int last = BASE64URL.indexOf(part.charAt(part.length() - 1));
    if (last < 0) {
      return token;
    }
    int variant = (last & ~((1 << spareBits) - 1)) | random.nextInt(1 << spareBits);
    parts[which] = part.substring(0, part.length() - 1) + BASE64URL.charAt(variant);
    return String.join(".", parts);
  }

  private String partsShuffled(String[] parts) {
    if (parts.length < 3) {
      return String.join(".", parts);
    }
    return switch (random.nextInt(5)) {
      case 0 -> parts[1] + "." + parts[0] + "." + parts[2];
      case 1 -> parts[0] + "." + parts[1];
      case 2 -> parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[2] + "." + parts[2];
      case 3 -> parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[2];
      default -> parts[0] + "." + parts[0] + "." + parts[2];
    };
  }

  private String padded(String[] parts) {
    int which = random.nextInt(parts.length);
    parts[which] = parts[which] + pick(List.of("=", "==", "==="));
    return String.join(".", parts);
  }

  private String flipCase(String token, int at) {
    char c = token.charAt(at);
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
      return replace(token, at, String.valueOf((char) (c ^ 0x20)));
    }
    return token;
  }

  /**
   * Whether {@code authorization} carries the same token as {@code original}: a Bearer scheme in
   * any case, then the token, each of its three parts decoding (padding and the bits base64url
   * drops aside) to the original's bytes.
   */
  static boolean carriesSameToken(String authorization, String original) {
    String value = stripOws(authorization);
    if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return false;
    }
    String[] parts = stripOws(value.substring(7)).split("\\.", -1);
    String[] originals = original.split("\\.", -1);
    if (parts.length != originals.length) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      byte[] decoded = lenientlyDecoded(parts[i]);
      if (decoded == null || !Arrays.equals(decoded, lenientlyDecoded(originals[i]))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] lenientlyDecoded(String part) {
    String unpadded = part.replaceAll("=+$", "");
    try {
      return Base64.getUrlDecoder().decode(unpadded);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String stripOws(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) {
      to--;
    }
    return text.substring(from, to);
  }

  private static String decoded(String part) {
    byte[] bytes = lenientlyDecoded(part);
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String jsonString(String json, String key) {
    int at = json.indexOf("\"" + key + "\":\"");
    if (at < 0) {
      return "";
    }
    int from = at + key.length() + 4;
    int to = json.indexOf('"', from);
    return to < 0 ? "" : json.substring(from, to);
  }

  private static String replace(String text, int at, String piece) {
    return text.substring(0, at) + piece + text.substring(Math.min(text.length(), at + 1));
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
