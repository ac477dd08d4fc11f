/* rd-demo.c — being written */
