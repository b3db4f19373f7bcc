package io.kmodj.engine.kernel;

/** The kernel error numbers kmodj answers with (Linux, asm-generic/errno-base.h), positive. */
public final class Errno {
  public static final int ENOENT = 2;
  public static final int EINTR = 4;
  public static final int EIO = 5;
  public static final int ENOEXEC = 8;
  public static final int ENOMEM = 12;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int EINVAL = 22;
  public static final int ENAMETOOLONG = 36;
  public static final int ETIME = 62;

  private Errno() {}

  /**
   * The symbolic name of an error number, sign ignored.
   *
   * @param errno a positive or negative error number
   * @return its name, such as {@code EBUSY}, or {@code E<n>} for one kmodj does not use
   */
  public static String name(int errno) {
    return switch (Math.abs(errno)) {
      case ENOENT -> "ENOENT";
      case EINTR -> "EINTR";
      case EIO -> "EIO";
      case ENOEXEC -> "ENOEXEC";
      case ENOMEM -> "ENOMEM";
      case EACCES -> "EACCES";
      case EBUSY -> "EBUSY";
      case EEXIST -> "EEXIST";
      case EINVAL -> "EINVAL";
      case ENAMETOOLONG -> "ENAMETOOLONG";
      case ETIME -> "ETIME";
      default -> "E" + Math.abs(errno);
    };
  }

  /**
   * The message strerror gives for an error number, sign ignored.
   *
   * @param errno a positive or negative error number
   * @return the message
   */
  public static String message(int errno) {
    return switch (Math.abs(errno)) {
      case ENOENT -> "No such file or directory";
      case EINTR -> "Interrupted system call";
      case EIO -> "Input/output error";
      case ENOEXEC -> "Exec format error";
      case ENOMEM -> "Cannot allocate memory";
      case EACCES -> "Permission denied";
      case EBUSY -> "Device or resource busy";
      case EEXIST -> "File exists";
      case EINVAL -> "Invalid argument";
      case ENAMETOOLONG -> "File name too long";
      case ETIME -> "Timer expired";
      default -> "Unknown error " + Math.abs(errno);
    };
  }
}
